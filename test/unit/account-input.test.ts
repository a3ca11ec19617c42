/**
 * One schema for account input (shared/accounts-schema.ts): the IPC layer, the accounts service
 * and the accounts file accept and refuse the same values. And parse errors of pasted or found
 * files say where and what, never quoting the text (which may hold a key).
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../../main/accounts/accounts.service';
import { AccountsStore } from '../../main/accounts/accounts-store';
import { parseKooCliConfig, parseSdkCredentials } from '../../main/accounts/importers';
import { findJsonError } from '../../main/accounts/json-error';
import { MemoryStore } from '../../main/accounts/vault';
import { ACCOUNT_LIMITS } from '../../shared/accounts-schema';
import { validateInvoke } from '../../shared/ipc/schemas';
import { Prng } from '../helpers/prng';

let dir: string;
let service: AccountsService;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ecs-account-input-'));
  service = new AccountsService({ dataDir: dir, vault: new MemoryStore() });
  await service.init();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const SECRET = 'Zx9-very-secret-key-0123456789';
const input = (over: Record<string, unknown>) => ({
  kind: 'aksk',
  name: 'Prod',
  accessKeyId: 'AKIAPRODKEY000WXYZ',
  secretKey: SECRET,
  defaultRegion: 'cn-north-4',
  ...over,
});

describe('one account-input schema', () => {
  it.each([
    ['name', 'n'.repeat(ACCOUNT_LIMITS.name), 'n'.repeat(ACCOUNT_LIMITS.name + 1)],
    ['label', 'l'.repeat(ACCOUNT_LIMITS.label), 'l'.repeat(ACCOUNT_LIMITS.label + 1)],
  ])('IPC, service and accounts file agree on the %s limit', async (field, longest, tooLong) => {
    // The longest allowed value passes all three, and survives a save and a load.
    expect(validateInvoke('accounts.add', input({ [field]: longest })).ok).toBe(true);
    const view = await service.add(input({ [field]: longest }) as never);
    expect((view as unknown as Record<string, unknown>)[field]).toBe(longest);
    const reloaded = await new AccountsStore(dir).load();
    expect(reloaded.accounts.find((a) => a.id === view.id)?.[field as 'name' | 'label']).toBe(longest);

    // One character more is refused by all three, each naming the field.
    const ipc = validateInvoke('accounts.add', input({ [field]: tooLong }));
    expect(ipc.ok).toBe(false);
    expect(ipc.ok ? '' : ipc.message).toMatch(new RegExp(`${field}: must be at most`));
    await expect(service.add(input({ [field]: tooLong }) as never)).rejects.toThrow(
      new RegExp(`${field}: must be at most`),
    );
    const data = await new AccountsStore(dir).load();
    const bad = {
      ...data,
      accounts: data.accounts.map((a) => (a.id === view.id ? { ...a, [field]: tooLong } : a)),
    };
    await expect(new AccountsStore(dir).save(bad)).rejects.toThrow(new RegExp(`${field}: must be at most`));
  });

  it('edit uses the same limits as add', async () => {
    const view = await service.add(input({}) as never);
    const tooLong = 'x'.repeat(ACCOUNT_LIMITS.label + 1);
    expect(validateInvoke('accounts.edit', { id: view.id, label: tooLong }).ok).toBe(false);
    await expect(service.edit({ id: view.id, label: tooLong })).rejects.toThrow(/label: must be at most/);
    expect(validateInvoke('accounts.edit', { id: view.id, label: 'x'.repeat(ACCOUNT_LIMITS.label) }).ok).toBe(
      true,
    );
  });
});

describe('parse errors never quote the text', () => {
  it('a pasted accounts export that is not JSON: line and column, not the text', async () => {
    const pasted = `{\n  "format": "ecs-desktop-accounts",\n  sk: "${SECRET}"\n}`;
    const err = await service.importAccounts(pasted).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toMatch(/not valid JSON: at line 3, column 3 the parser expected a property name/);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('sk:');
  });

  it('a pasted export of the wrong shape names the field, not its value', async () => {
    const err = await service
      .importAccounts(JSON.stringify({ format: SECRET, version: 1, accounts: [] }))
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^Invalid accounts export: format: /);
    expect((err as Error).message).not.toContain(SECRET);
  });

  it('a broken KooCLI config and SDK credentials file: the line, not the text', () => {
    const koo = parseKooCliConfig(
      `{"profiles": [\n {"accessKeyId": "AK", "secretAccessKey": ${SECRET}}]}`,
      'config.json',
    );
    expect(koo.problems[0]).toMatchObject({ line: 2 });
    expect(koo.problems[0]?.message).toMatch(
      /^config\.json: line 2: not valid JSON \(column \d+: expected a value/,
    );
    expect(koo.problems[0]?.message).not.toContain(SECRET);
    const sdk = parseSdkCredentials(`[default]\nak = AK\n[${SECRET}\n`, 'credentials');
    expect(sdk.problems[0]?.message).toMatch(/line 3: malformed section header/);
    expect(sdk.problems[0]?.message).not.toContain(SECRET);
  });

  it('the JSON scanner agrees with JSON.parse on valid and broken texts', () => {
    const prng = new Prng(7);
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u00e9"',
      '"\\x"',
      '1',
      '-0.5e3',
      '01',
      'true',
      'nul',
      ' ',
      '\n',
      '"',
    ];
    let broken = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(prng.next() * 8) },
        () => pieces[Math.floor(prng.next() * pieces.length)],
      ).join('');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonError(text) === undefined, JSON.stringify(text)).toBe(valid);
      if (!valid) broken++;
    }
    expect(broken).toBeGreaterThan(100);
    expect(findJsonError('{"a": [1, 2}')).toEqual({
      line: 1,
      column: 12,
      expected: 'a comma (,) or a closing bracket (])',
    });
  });
});
