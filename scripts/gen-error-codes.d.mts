/** Types of scripts/gen-error-codes.mjs, for the tests that import it. */
export interface ErrorCodeSourceRow {
  code: string;
  status: number;
  message: string;
}
export const SOURCE: string;
export const TARGET: string;
export function parseErrorCodes(tsv: string): ErrorCodeSourceRow[];
export function renderErrorCodes(rows: ErrorCodeSourceRow[]): Promise<string>;
export function generate(): Promise<string>;
