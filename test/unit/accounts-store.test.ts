import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountsFileError,
  AccountsStore,
  emptyAccountsFile,
  parseAccountsFile,
  sandboxProfile,
  type AccountsFileData,
  type AccountProfile,
} from '../../main/accounts/accounts-store';
import { writeFileAtomic } from '../../main/accounts/atomic-file';

const root = resolve(__dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ecs-accounts-store-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function profile(id: string, extra: Partial<AccountProfile> = {}): AccountProfile {
  const now = new Date('2024-05-01T10:00:00Z').toISOString();
  return {
    id,
    name: `Account ${id}`,
    kind: 'aksk',
    accessKeyId: `AK${id.toUpperCase().padEnd(18, 'X')}`,
    defaultRegion: 'cn-north-4',
    regions: ['cn-north-4'],
    projects: { 'cn-north-4': { id: 'f'.repeat(32), source: 'discovered' } },
    endpoints: {},
    order: 1,
    hidden: false,
    storedSecrets: ['sk'],
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

function fileWith(...accounts: AccountProfile[]): AccountsFileData {
  return { version: 1, defaultAccountId: accounts[0]?.id ?? null, accounts: [sandboxProfile(), ...accounts] };
}

async function backups(): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => n.startsWith('accounts.json.corrupt-'));
}

describe('AccountsStore', () => {
  it('opens on the Sandbox account when no file exists, without writing one', async () => {
    const store = new AccountsStore(dir);
    const data = await store.load();
    expect(data.defaultAccountId).toBe('sandbox');
    expect(data.accounts.map((a) => a.id)).toEqual(['sandbox']);
    await expect(fs.stat(store.file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('round-trips a saved file and writes it with mode 0600', async () => {
    const store = new AccountsStore(dir);
    const data = fileWith(
      profile('a1'),
      profile('b2', { kind: 'password', userName: 'ops', domainName: 'acme' }),
    );
    await store.save(data);
    expect(await store.load()).toEqual(data);
    expect((await fs.stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('puts the Sandbox account back and repairs a default that no longer exists', async () => {
    const store = new AccountsStore(dir);
    const text = JSON.stringify({ version: 1, defaultAccountId: 'gone', accounts: [profile('a1')] });
    await fs.writeFile(store.file, text);
    const data = await store.load();
    expect(data.accounts.map((a) => a.id)).toEqual(['sandbox', 'a1']);
    expect(data.defaultAccountId).toBe('sandbox');
  });

  it.each([
    ['truncated JSON', '{"version":1,"accounts":[', /not valid JSON/],
    ['an array', '[]', /does not hold a JSON object/],
    ['no version', '{"accounts":[]}', /no "version" field/],
    [
      'a newer version',
      '{"version":7,"defaultAccountId":null,"accounts":[]}',
      /newer version.*format version 7/,
    ],
    ['a bad version', '{"version":"one"}', /unknown format version "one"/],
    [
      'a bad region',
      JSON.stringify({
        version: 1,
        defaultAccountId: null,
        accounts: [profile('x', { defaultRegion: 'North 4!' })],
      }),
      /accounts\[0\]\.defaultRegion: must be a region name/,
    ],
    [
      'a proxy with a password',
      JSON.stringify({
        version: 1,
        defaultAccountId: null,
        accounts: [profile('x', { proxyUrl: 'http://u:p@proxy:3128' })],
      }),
      /accounts\[0\]\.proxyUrl: must be a proxy URL/,
    ],
    [
      'duplicate ids',
      JSON.stringify({ version: 1, defaultAccountId: null, accounts: [profile('x'), profile('x')] }),
      /two accounts have the id "x"/,
    ],
  ])('rejects %s with a clear error naming the file, and keeps a backup', async (_label, text, problem) => {
    const store = new AccountsStore(dir);
    await fs.writeFile(store.file, text);
    const err = await store.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AccountsFileError);
    const e = err as AccountsFileError;
    expect(e.message).toContain(store.file);
    expect(e.message).toMatch(problem);
    expect(e.code).toBe('CONFIG');
    // Never silently reset: the original is untouched and a byte-identical backup exists.
    expect(await fs.readFile(store.file, 'utf8')).toBe(text);
    expect(e.backupFile).toBeDefined();
    expect(await fs.readFile(e.backupFile!, 'utf8')).toBe(text);
    expect(e.message).toContain(e.backupFile!);
  });

  it('keeps one backup per distinct bad content across repeated starts', async () => {
    const store = new AccountsStore(dir);
    await fs.writeFile(store.file, '{oops');
    await expect(store.load()).rejects.toBeInstanceOf(AccountsFileError);
    await expect(store.load()).rejects.toBeInstanceOf(AccountsFileError);
    expect(await backups()).toHaveLength(1);
  });

  it('starts fresh only on explicit request, keeping the bad file as a backup', async () => {
    const store = new AccountsStore(dir);
    await fs.writeFile(store.file, '{"version":1,"accounts":"nope"}');
    await expect(store.load()).rejects.toBeInstanceOf(AccountsFileError);
    const fresh = await store.resetAfterCorruption();
    expect(fresh).toEqual({ ...emptyAccountsFile(), accounts: fresh.accounts });
    expect(await store.load()).toEqual(fresh);
    const kept = await backups();
    expect(kept).toHaveLength(1);
    expect(await fs.readFile(join(dir, kept[0]!), 'utf8')).toBe('{"version":1,"accounts":"nope"}');
  });

  it('drops a field that would hold a secret instead of keeping it', () => {
    const withSecret = { ...profile('x'), sk: 'SECRET-VALUE-123456' };
    const data = parseAccountsFile(
      JSON.stringify({ version: 1, defaultAccountId: 'x', accounts: [withSecret] }),
    );
    expect(JSON.stringify(data)).not.toContain('SECRET-VALUE-123456');
  });

  it('refuses to save an invalid file and leaves the old one', async () => {
    const store = new AccountsStore(dir);
    const good = fileWith(profile('a1'));
    await store.save(good);
    const bad = fileWith(profile('a2', { color: 'red' }));
    await expect(store.save(bad)).rejects.toThrow(/color/);
    expect(await store.load()).toEqual(good);
  });

  it('serializes concurrent saves: the last one wins and no temp file is left', async () => {
    const store = new AccountsStore(dir);
    const versions = Array.from({ length: 10 }, (_, i) => fileWith(profile(`acc${i}`)));
    await Promise.all(versions.map((d) => store.save(d)));
    expect(await store.load()).toEqual(versions[9]);
    expect((await fs.readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('removes temp files left by an interrupted write when loading', async () => {
    const store = new AccountsStore(dir);
    await store.save(fileWith(profile('a1')));
    await fs.writeFile(join(dir, 'accounts.json.tmp-999-dead'), '{"version":1,"acc');
    await store.load();
    expect((await fs.readdir(dir)).sort()).toEqual(['accounts.json']);
  });

  it('writeFileAtomic removes its temp file when the rename fails', async () => {
    const target = join(dir, 'is-a-dir');
    await fs.mkdir(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect((await fs.readdir(dir)).sort()).toEqual(['is-a-dir']);
  });

  it('a process killed mid-write leaves the old or the new file, never a torn one', async () => {
    // Two large, distinct versions make each write take long enough to be interrupted often.
    const many = (tag: string): AccountsFileData =>
      fileWith(
        ...Array.from({ length: 400 }, (_, i) =>
          profile(`${tag}-${i}`, { label: `${tag}`.repeat(40).slice(0, 90), order: i }),
        ),
      );
    const a = many('a');
    const b = many('b');
    const child = join(dir, 'writer.mts');
    await fs.writeFile(
      child,
      `import { AccountsStore } from ${JSON.stringify(join(root, 'main/accounts/accounts-store.ts'))};
import { readFileSync } from 'node:fs';
const [a, b] = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const store = new AccountsStore(process.argv[3]!);
let i = 0;
for (;;) { await store.save(i++ % 2 ? b : a); if (i === 1) process.stdout.write('ready\\n'); }
`,
    );
    const dataDir = join(dir, 'data');
    const encoded = join(dir, 'versions.json');
    await fs.writeFile(encoded, JSON.stringify([a, b]));
    for (let round = 0; round < 12; round++) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, encoded, dataDir], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((done, fail) => {
        proc.stdout.once('data', () => done());
        proc.once('exit', (code) => fail(new Error(`writer exited early (${code})`)));
      });
      // A random delay lands the kill at a different point of the write cycle each round.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 40)));
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
      const text = await fs.readFile(join(dataDir, 'accounts.json'), 'utf8');
      const parsed = parseAccountsFile(text);
      expect(parsed).toEqual(parsed.accounts[1]?.id.startsWith('a-') ? a : b);
    }
    // The next load cleans up whatever temp file the kills left.
    await new AccountsStore(dataDir).load();
    expect((await fs.readdir(dataDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 120_000);
});
