import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretKind } from '../../shared/accounts';
import { AccountsService, type ConnectionProbe } from '../../main/accounts/accounts.service';
import { MemoryStore, type SecretStore } from '../../main/accounts/vault';
import { VaultError } from '../../main/accounts/vault-error';
import { InventoryCache } from '../../main/accounts/inventory-cache';
import { NetworkError, ValidationError } from '../../main/cloud/errors';

/** A memory vault that can be told to fail a given kind of write, or everything. */
class FlakyStore implements SecretStore {
  readonly mode = 'keychain' as const;
  readonly inner = new MemoryStore();
  failSetOf: SecretKind | undefined;
  down = false;
  private check(): void {
    if (this.down) throw new VaultError('keychain down', { state: 'locked' });
  }
  async get(id: string, kind: SecretKind): Promise<string | undefined> {
    this.check();
    return this.inner.get(id, kind);
  }
  async set(id: string, kind: SecretKind, value: string): Promise<void> {
    this.check();
    if (kind === this.failSetOf) throw new VaultError(`cannot store ${kind}`, { state: 'error' });
    return this.inner.set(id, kind, value);
  }
  async delete(id: string, kind: SecretKind): Promise<boolean> {
    this.check();
    return this.inner.delete(id, kind);
  }
  async find(id: string): Promise<Partial<Record<SecretKind, string>>> {
    this.check();
    return this.inner.find(id);
  }
}

let dir: string;
let vault: FlakyStore;
let service: AccountsService;
const now = new Date('2024-06-01T12:00:00Z');

async function make(
  opts: { probe?: ConnectionProbe; inventory?: InventoryCache } = {},
): Promise<AccountsService> {
  const s = new AccountsService({ dataDir: join(dir, 'data'), vault, now: () => now, ...opts });
  await s.init();
  return s;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ecs-accounts-service-'));
  vault = new FlakyStore();
  service = await make();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const aksk = {
  kind: 'aksk' as const,
  name: 'Prod',
  accessKeyId: 'AKIAPRODKEY000WXYZ',
  secretKey: 'prod-secret-key-0123456789abcdef',
  defaultRegion: 'cn-north-4',
  regions: ['ap-southeast-1'],
};

async function fileText(): Promise<string> {
  return fs.readFile(join(dir, 'data', 'accounts.json'), 'utf8');
}

describe('AccountsService', () => {
  it('opens on the Sandbox account when nothing else is configured', async () => {
    expect(service.openingAccountId()).toBe('sandbox');
    const views = await service.list();
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ id: 'sandbox', builtin: true, isDefault: true, hasSecret: true });
  });

  it('adds a permanent AK/SK account: secret in the vault, masked key in the view, none in the file', async () => {
    const view = await service.add(aksk);
    expect(view).toMatchObject({
      name: 'Prod',
      kind: 'aksk',
      accessKeyIdMasked: 'AKIA****WXYZ',
      hasSecret: true,
      secretState: 'stored',
      regions: ['cn-north-4', 'ap-southeast-1'],
      // Adding does not make it the default: the renderer does, once its connection test passed.
      isDefault: false,
    });
    expect(service.openingAccountId()).toBe('sandbox');
    expect(JSON.stringify(view)).not.toContain(aksk.secretKey);
    expect(await vault.inner.get(view.id, 'sk')).toBe(aksk.secretKey);
    expect(await fileText()).not.toContain(aksk.secretKey);
    expect(await service.getCredentials(view.id)).toEqual({
      kind: 'aksk',
      accessKeyId: aksk.accessKeyId,
      secretKey: aksk.secretKey,
    });
  });

  it('adds temporary and password accounts with their secrets in the vault', async () => {
    const t = await service.add({
      kind: 'temporary',
      name: 'Temp',
      accessKeyId: 'TMPKEY1234567890ABCD',
      secretKey: 'temp-secret-abcdef',
      securityToken: 'token-'.repeat(50),
      expiresAt: '2024-06-02T12:00:00Z',
      defaultRegion: 'cn-north-4',
    });
    const p = await service.add({
      kind: 'password',
      name: 'IAM user',
      userName: 'ops',
      domainName: 'acme',
      password: 'pässwörd with spaces ',
      defaultRegion: 'eu-west-101',
    });
    expect(t).toMatchObject({
      expiresAt: '2024-06-02T12:00:00Z',
      expired: false,
      hasSecret: true,
      isDefault: false,
    });
    expect(p).toMatchObject({ userName: 'ops', domainName: 'acme', hasSecret: true, isDefault: false });
    // Passwords are stored as typed (spaces are significant); keys are trimmed of paste artefacts.
    expect(await service.getCredentials(p.id)).toEqual({
      kind: 'password',
      userName: 'ops',
      domainName: 'acme',
      password: 'pässwörd with spaces ',
    });
    expect(await service.getCredentials(t.id)).toMatchObject({
      kind: 'temporary',
      securityToken: 'token-'.repeat(50),
    });
  });

  it('refuses bad input with a ValidationError naming the field, and stores nothing', async () => {
    await expect(service.add({ ...aksk, proxyUrl: 'http://user:pw@proxy:3128' })).rejects.toThrow(/proxyUrl/);
    await expect(service.add({ ...aksk, accessKeyId: 'AK/../' })).rejects.toThrow(/accessKeyId/);
    await expect(service.add({ ...aksk, secretKey: '  ' })).rejects.toBeInstanceOf(ValidationError);
    expect(await service.list()).toHaveLength(1);
    expect(await vault.inner.find('anything')).toEqual({});
  });

  it('edits custom endpoints, refuses a bad one without losing the old ones, and clears them with null', async () => {
    const { id } = await service.add(aksk);
    const ecs = 'https://ecs.private.example.com';
    expect((await service.edit({ id, endpoints: { ecs } })).endpoints).toEqual({ ecs });
    await expect(service.edit({ id, endpoints: { ecs: 'not a url' } })).rejects.toThrow(/endpoints/);
    expect((await service.list()).find((a) => a.id === id)!.endpoints).toEqual({ ecs });
    expect((await service.edit({ id, endpoints: null })).endpoints).toEqual({});
  });

  it('rotates a key: the new secret and key id replace the old ones', async () => {
    const { id } = await service.add(aksk);
    const view = await service.edit({
      id,
      rotate: { accessKeyId: 'NEWKEY0000000000LAST', secretKey: 'new-secret-xyz' },
    });
    expect(view.accessKeyIdMasked).toBe('NEWK****LAST');
    expect(await service.getCredentials(id)).toMatchObject({
      accessKeyId: 'NEWKEY0000000000LAST',
      secretKey: 'new-secret-xyz',
    });
  });

  it('a new access key id without its secret key is refused', async () => {
    const { id } = await service.add(aksk);
    await expect(service.edit({ id, rotate: { accessKeyId: 'OTHERKEY00000000ABCD' } })).rejects.toThrow(
      /secret key/,
    );
  });

  it('rotation loses nothing when the profile cannot be written: the old secret is put back', async () => {
    const { id } = await service.add(aksk);
    // Make the data folder unusable (a file where the folder was): the profile save fails.
    await fs.rename(join(dir, 'data'), join(dir, 'data-moved'));
    await fs.writeFile(join(dir, 'data'), 'not a folder');
    await expect(
      service.edit({ id, rotate: { accessKeyId: 'NEWKEY0000000000LAST', secretKey: 'new-secret-xyz' } }),
    ).rejects.toThrow();
    expect(await service.getCredentials(id)).toEqual({
      kind: 'aksk',
      accessKeyId: aksk.accessKeyId,
      secretKey: aksk.secretKey,
    });
  });

  it('rotation loses nothing when the vault fails halfway: the first new secret is rolled back', async () => {
    const t = await service.add({
      kind: 'temporary',
      name: 'Temp',
      accessKeyId: 'TMPKEY1234567890ABCD',
      secretKey: 'old-temp-secret',
      securityToken: 'old-token-value',
      defaultRegion: 'cn-north-4',
    });
    vault.failSetOf = 'securityToken';
    await expect(
      service.edit({ id: t.id, rotate: { secretKey: 'new-temp-secret', securityToken: 'new-token-value' } }),
    ).rejects.toBeInstanceOf(VaultError);
    vault.failSetOf = undefined;
    expect(await service.getCredentials(t.id)).toMatchObject({
      secretKey: 'old-temp-secret',
      securityToken: 'old-token-value',
    });
  });

  it('adding rolls the secret back when the profile cannot be written', async () => {
    await fs.rm(join(dir, 'data'), { recursive: true, force: true });
    await fs.writeFile(join(dir, 'data'), 'not a folder');
    await expect(service.add(aksk)).rejects.toThrow();
    expect(await service.list()).toHaveLength(1);
    // No item for any account id was left behind in the vault.
    expect([...(vault.inner as unknown as { items: Map<string, string> }).items.keys()]).toEqual([]);
  });

  it('removes an account with its keychain items and cached inventory; the default moves on', async () => {
    const inventory = new InventoryCache(join(dir, 'data'));
    service = await make({ inventory });
    const a = await service.add(aksk);
    const b = await service.add({ ...aksk, name: 'Second' });
    await service.setDefault(a.id);
    await inventory.put(a.id, 'cn-north-4', { servers: [{ id: 's1' }], disks: [], nics: [], tags: [] });
    await service.remove(a.id);
    expect(await vault.inner.find(a.id)).toEqual({});
    expect(await inventory.get(a.id, 'cn-north-4')).toBeUndefined();
    expect((await service.list()).map((v) => v.id)).toEqual(['sandbox', b.id]);
    expect(service.openingAccountId()).toBe(b.id);
    // And it survives a restart.
    expect((await (await make()).list()).map((v) => v.id)).toEqual(['sandbox', b.id]);
  });

  it('keeps the account when its keychain items cannot be deleted', async () => {
    const a = await service.add(aksk);
    vault.down = true;
    await expect(service.remove(a.id)).rejects.toBeInstanceOf(VaultError);
    vault.down = false;
    expect((await service.list()).map((v) => v.id)).toContain(a.id);
  });

  it('the Sandbox cannot be removed or renamed, but can be hidden', async () => {
    await expect(service.remove('sandbox')).rejects.toThrow(/cannot be removed/);
    await expect(service.edit({ id: 'sandbox', name: 'Mine' })).rejects.toThrow(
      /Sandbox account cannot be changed/,
    );
    expect(await service.edit({ id: 'sandbox', hidden: true })).toMatchObject({ hidden: true });
  });

  it('sets the default and the order, and checks the order lists every account once', async () => {
    const a = await service.add(aksk);
    const b = await service.add({ ...aksk, name: 'B' });
    await service.setDefault(b.id);
    await service.reorder([b.id, 'sandbox', a.id]);
    const views = await service.list();
    expect(views.map((v) => v.id)).toEqual([b.id, 'sandbox', a.id]);
    expect(views.find((v) => v.isDefault)?.id).toBe(b.id);
    await expect(service.reorder([b.id, a.id])).rejects.toThrow(/every account exactly once/);
    await expect(service.reorder([b.id, b.id, a.id])).rejects.toThrow(/every account exactly once/);
    await expect(service.setDefault('nope')).rejects.toThrow(/no account/);
  });

  it('keeps project overrides over discovered project ids', async () => {
    const a = await service.add({ ...aksk, projectOverrides: { 'cn-north-4': 'override-project' } });
    await service.setDiscoveredProject(a.id, 'cn-north-4', 'discovered-1');
    await service.setDiscoveredProject(a.id, 'ap-southeast-1', 'discovered-2');
    expect((await service.get(a.id)).projects).toEqual({
      'cn-north-4': { id: 'override-project', source: 'override' },
      'ap-southeast-1': { id: 'discovered-2', source: 'discovered' },
    });
    await service.edit({ id: a.id, projectOverrides: { 'cn-north-4': null } });
    expect((await service.get(a.id)).projects['cn-north-4']).toBeUndefined();
  });

  it('exports without secrets and imports the export as new accounts that need their secrets', async () => {
    await service.add({ ...aksk, color: '#112233', label: 'prod', proxyUrl: 'http://proxy:3128' });
    await service.add({
      kind: 'password',
      name: 'IAM',
      userName: 'ops',
      domainName: 'acme',
      password: 'hunter2-long',
      defaultRegion: 'cn-north-4',
    });
    const json = service.exportAccounts();
    expect(json).not.toContain(aksk.secretKey);
    expect(json).not.toContain('hunter2-long');
    expect(json).not.toContain('sandbox');
    const other = new AccountsService({
      dataDir: join(dir, 'other'),
      vault: new MemoryStore(),
      now: () => now,
    });
    await other.init();
    const imported = await other.importAccounts(json);
    expect(imported.map((v) => [v.name, v.kind, v.hasSecret, v.accessKeyIdMasked])).toEqual([
      ['Prod', 'aksk', false, 'AKIA****WXYZ'],
      ['IAM', 'password', false, undefined],
    ]);
    expect(imported[0]).toMatchObject({ color: '#112233', label: 'prod', proxyUrl: 'http://proxy:3128' });
    await expect(
      other.importAccounts('{"format":"ecs-desktop-accounts","version":2,"accounts":[]}'),
    ).rejects.toThrow(/Invalid accounts export: version/);
    await expect(other.importAccounts('nope')).rejects.toThrow(/not valid JSON/);
  });

  it('explains a missing secret instead of returning empty credentials', async () => {
    const a = await service.add(aksk);
    await vault.inner.delete(a.id, 'sk');
    expect((await service.get(a.id)).secretState).toBe('missing');
    const err = await service.getCredentials(a.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).message).toMatch(/No secret key is stored for the account "Prod"/);
    expect((err as VaultError).hint).toMatch(/locked/);
  });

  it('reports expired temporary credentials', async () => {
    const t = await service.add({
      kind: 'temporary',
      name: 'Old',
      accessKeyId: 'TMPKEY1234567890ABCD',
      secretKey: 'temp-secret-abcdef',
      securityToken: 'token-abcdef',
      expiresAt: '2024-05-01T00:00:00Z',
      defaultRegion: 'cn-north-4',
    });
    expect((await service.get(t.id)).expired).toBe(true);
    await expect(service.getCredentials(t.id)).rejects.toThrow(/expired at 2024-05-01/);
  });

  it('lists accounts as "unavailable" when the vault cannot be asked', async () => {
    await service.add(aksk);
    vault.down = true;
    const views = await service.list();
    expect(views.map((v) => v.secretState)).toEqual(['stored', 'unavailable']);
    expect(views[1]?.hasSecret).toBe(false);
  });

  it('tests a connection through the injected probe and classifies the answer', async () => {
    const calls: unknown[] = [];
    const answers: Array<() => Promise<{ status: number; headers: Record<string, string> }>> = [
      async () => ({ status: 200, headers: { date: now.toUTCString() } }),
      async () => ({ status: 401, headers: { date: new Date(now.getTime() + 30 * 60_000).toUTCString() } }),
      async () => {
        throw new NetworkError('connect failed', {
          cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
        });
      },
    ];
    service = await make({
      probe: async (ctx) => {
        calls.push({ region: ctx.region, creds: ctx.credentials });
        return answers.shift()!();
      },
    });
    const a = await service.add(aksk);
    expect((await service.testConnection(a.id)).verdict).toBe('ok');
    expect((await service.testConnection(a.id, { region: 'ap-southeast-1' })).verdict).toBe('clock-skew');
    expect((await service.testConnection(a.id)).verdict).toBe('network');
    expect(calls[1]).toEqual({
      region: 'ap-southeast-1',
      creds: { kind: 'aksk', accessKeyId: aksk.accessKeyId, secretKey: aksk.secretKey },
    });
  });

  it('session-only mode: secrets live in memory only and are gone after a restart', async () => {
    const session = new MemoryStore();
    service.useVault(session);
    expect(service.vaultMode).toBe('session-only');
    const a = await service.add(aksk);
    expect(await service.getCredentials(a.id)).toMatchObject({ secretKey: aksk.secretKey });
    const restarted = new AccountsService({
      dataDir: join(dir, 'data'),
      vault: new MemoryStore(),
      now: () => now,
    });
    await restarted.init();
    expect((await restarted.get(a.id)).hasSecret).toBe(false);
    const err = await restarted.getCredentials(a.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).hint).toMatch(/forgotten when the app quits/);
  });
});
