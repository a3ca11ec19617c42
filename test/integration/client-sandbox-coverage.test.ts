/**
 * Coverage of the client-sandbox integration tests: every operation id of the table is claimed by
 * one of the client-sandbox-*.test.ts files (each of which fails unless every id it claims got a
 * 2xx answer from the simulator through our client), and every claimed file exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../../main/cloud/ops/index';
import { CLIENT_SANDBOX_COVERAGE } from '../helpers/client-sandbox-coverage';

const here = join(process.cwd(), 'test', 'integration');

describe('client-sandbox coverage', () => {
  it('claims every operation id of the table, and nothing else', () => {
    const claimed = new Set<string>(Object.values(CLIENT_SANDBOX_COVERAGE).flat());
    const table = Object.keys(operations);
    expect(table.filter((id) => !claimed.has(id))).toEqual([]);
    expect([...claimed].filter((id) => !table.includes(id))).toEqual([]);
  });

  it('names files that exist and check their own claims', () => {
    for (const stem of Object.keys(CLIENT_SANDBOX_COVERAGE)) {
      const file = join(here, `${stem}.test.ts`);
      expect(existsSync(file), file).toBe(true);
      // The per-file check is what turns a claim into a proof; a file without it proves nothing.
      expect(readFileSync(file, 'utf8')).toContain(`CLIENT_SANDBOX_COVERAGE['${stem}']`);
    }
  });
});
