import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../main/sandbox/error-codes';
import {
  SOURCE,
  TARGET,
  generate,
  parseErrorCodes,
  renderErrorCodes,
} from '../../scripts/gen-error-codes.mjs';

describe('main/sandbox/error-codes.ts is generated from docs/ecs-api/error-codes.tsv', () => {
  it('is exactly what scripts/gen-error-codes.mjs writes today', async () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(await generate());
  });

  it('holds every row of the TSV, in order, with its status and message', () => {
    const rows = parseErrorCodes(readFileSync(SOURCE, 'utf8'));
    expect(rows).toHaveLength(162);
    expect(Object.keys(ERROR_CODES)).toEqual(rows.map((r) => r.code));
    for (const r of rows) expect(ERROR_CODES[r.code]).toEqual({ status: r.status, message: r.message });
    // Spot checks against the document's A.2 table.
    expect(ERROR_CODES['Ecs.0603']?.status).toBe(501);
    expect(ERROR_CODES['Common.1503']).toEqual({
      status: 429,
      message: 'Api flow control Error because %s.',
    });
  });

  it('would differ (so the check fails) when one message of the TSV changes', async () => {
    const rows = parseErrorCodes(readFileSync(SOURCE, 'utf8'));
    rows[0] = { ...rows[0]!, message: `${rows[0]!.message} (edited)` };
    expect(await renderErrorCodes(rows)).not.toBe(readFileSync(TARGET, 'utf8'));
  });

  it('keeps quotes and backslashes in messages intact', async () => {
    const out = await renderErrorCodes([{ code: 'Ecs.9999', status: 400, message: `it's "x" \\ y` }]);
    expect(out).toContain(`'Ecs.9999': { status: 400, message: 'it\\'s "x" \\\\ y' }`);
  });

  it('rejects a malformed TSV with the line that is wrong', () => {
    const head = 'http_status\tcode\tmessage\n';
    expect(() => parseErrorCodes('code\tmessage\nEcs.0001\tx\n')).toThrow(/no "http_status" column/);
    expect(() => parseErrorCodes(`${head}4x0\tEcs.0001\tx\n`)).toThrow(/line 2: bad HTTP status "4x0"/);
    expect(() => parseErrorCodes(`${head}400\tEcs 1\tx\n`)).toThrow(/line 2: bad code "Ecs 1"/);
    expect(() => parseErrorCodes(`${head}400\tEcs.0001\tx\n400\tEcs.0001\ty\n`)).toThrow(
      /line 3: duplicate code Ecs.0001/,
    );
  });
});
