#!/usr/bin/env node
// Generates main/sandbox/error-codes.ts from docs/ecs-api/error-codes.tsv (the API Reference's
// Appendix A.2): `node scripts/gen-error-codes.mjs` writes the file, `--check` only compares it and
// exits 1 when the committed file is stale. test/unit/generated-files.test.ts runs the check.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = join(root, 'docs/ecs-api/error-codes.tsv');
export const TARGET = join(root, 'main/sandbox/error-codes.ts');

/**
 * Parses the TSV (header row first; columns `http_status`, `code`, `message`, ...) into rows in file
 * order. Throws on a missing column, a non-numeric status or a duplicate code, naming the line.
 */
export function parseErrorCodes(tsv) {
  const [header, ...lines] = tsv.split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const at = (name) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`error-codes.tsv: no "${name}" column in the header`);
    return i;
  };
  const [iStatus, iCode, iMessage] = [at('http_status'), at('code'), at('message')];
  const seen = new Set();
  return lines.map((line, n) => {
    const cells = line.split('\t');
    const code = cells[iCode] ?? '';
    const status = Number(cells[iStatus]);
    if (!/^[A-Za-z]+\.\d{4}$/.test(code))
      throw new Error(`error-codes.tsv line ${n + 2}: bad code "${code}"`);
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw new Error(`error-codes.tsv line ${n + 2}: bad HTTP status "${cells[iStatus]}"`);
    if (seen.has(code)) throw new Error(`error-codes.tsv line ${n + 2}: duplicate code ${code}`);
    seen.add(code);
    return { code, status, message: cells[iMessage] ?? '' };
  });
}

/** The TypeScript module for `rows`, formatted with the repository's Prettier config. */
export async function renderErrorCodes(rows) {
  const entries = rows
    .map((r) => `${JSON.stringify(r.code)}: { status: ${r.status}, message: ${JSON.stringify(r.message)} },`)
    .join('\n');
  const text = `/**
 * The A.2 error-code table: code -> HTTP status and message. Generated from
 * docs/ecs-api/error-codes.tsv by scripts/gen-error-codes.mjs; edit those, not this file.
 */

/** One A.2 row: the HTTP status the document gives and the message it prints. */
export interface ErrorCodeRow {
  status: number;
  message: string;
}

/** Every code in A.2 keyed by code (e.g. \`Ecs.0005\`). */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeRow>> = {
${entries}
};
`;
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  return prettier.format(text, { ...options, filepath: TARGET });
}

/** What the generator would write now. */
export async function generate() {
  return renderErrorCodes(parseErrorCodes(readFileSync(SOURCE, 'utf8')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const next = await generate();
  const target = relative(process.cwd(), TARGET);
  if (process.argv.includes('--check')) {
    if (readFileSync(TARGET, 'utf8') !== next) {
      console.error(`${target} is stale: run node scripts/gen-error-codes.mjs`);
      process.exit(1);
    }
    console.log(`${target} is up to date`);
  } else {
    writeFileSync(TARGET, next);
    console.log(`wrote ${target} (${next.length} bytes)`);
  }
}
