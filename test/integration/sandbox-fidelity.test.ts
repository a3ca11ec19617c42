/**
 * The fidelity audit, as a table: one row per documented error case of an operation (the API
 * Reference's section, the condition, the status and code it gives, from the operation's text or
 * the A.2 error-code appendix), each driven against the Sandbox over real AK/SK-signed HTTP. Rows
 * marked `fixed` were wrong before the audit (generic Ecs.0005, a wrong status, or a rule stricter
 * than the reference). The rows are in test/integration/fidelity/, one file per API area.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, useFidelitySandbox, type Row } from '../helpers/sandbox-fidelity';
import { createRows } from './fidelity/create-rows';
import { deviceRows } from './fidelity/device-rows';
import { serverRows } from './fidelity/server-rows';

// One table, in the audit's order, against this file's one Sandbox: the rows share its servers,
// and the last test checks the table as a whole.
const rows: Row[] = [...createRows, ...serverRows, ...deviceRows];

useFidelitySandbox();

describe('fidelity audit: documented error cases, operation by operation', () => {
  for (const row of rows) {
    it(`${row.operation}: ${row.condition} -> ${row.status}${row.code ? ` ${row.code}` : ''} (§${row.section})`, async () => {
      const answer = await row.run();
      expect(answer.status, JSON.stringify(answer.body)).toBe(row.status);
      if (row.code !== undefined) expect(codeOf(answer), JSON.stringify(answer.body)).toBe(row.code);
      if (row.status === 200 && row.operation !== 'novaUpdateServerMetadata')
        expect(answer.body.job_id).toMatch(/^[0-9a-f]{32}$/);
      await row.then?.(answer);
    });
  }

  it('the table covers the cases the audit fixed', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => r.fixed !== undefined).length).toBeGreaterThanOrEqual(15);
  });
});
