/**
 * After adding, rotating and importing accounts of every kind against the real keychain, no file
 * under the app's data folder holds any secret: raw, UTF-16, base64, base64url or hex.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../main/accounts/accounts.service';
import { AccountImporter } from '../../main/accounts/importers';
import { InventoryCache } from '../../main/accounts/inventory-cache';
import { KeytarStore, probeKeychain } from '../../main/accounts/vault';

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'ecs-no-secrets-'));
  dataDir = join(root, 'data');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Every encoding in which a secret could plausibly be written out. */
function forms(secret: string): Buffer[] {
  const utf8 = Buffer.from(secret, 'utf8');
  return [
    utf8,
    Buffer.from(secret, 'utf16le'),
    Buffer.from(utf8.toString('base64').replace(/=+$/, '')),
    Buffer.from(utf8.toString('base64url')),
    Buffer.from(utf8.toString('hex')),
    Buffer.from(utf8.toString('hex').toUpperCase()),
    Buffer.from(JSON.stringify(secret).slice(1, -1)),
  ];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/** The files under `dir` that contain any form of any secret, as `file: secret#n form#m`. */
async function leaks(dir: string, secrets: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    const bytes = await fs.readFile(file);
    secrets.forEach((s, i) =>
      forms(s).forEach((f, j) => {
        if (bytes.includes(f)) found.push(`${file}: secret#${i} form#${j}`);
      }),
    );
  }
  return found;
}

const rand = (prefix: string): string => `${prefix}-${randomBytes(18).toString('base64url')}`;

describe('no secrets on disk', () => {
  it('the scanner itself finds a secret written in base64 (so a clean scan means something)', async () => {
    const probe = join(root, 'scanner-check');
    await fs.mkdir(probe);
    const secret = rand('check');
    await fs.writeFile(join(probe, 'f.json'), JSON.stringify({ x: Buffer.from(secret).toString('base64') }));
    const found = await leaks(probe, [secret]);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toContain('f.json');
    expect(await leaks(probe, [rand('other')])).toEqual([]);
  });

  it('after adding accounts of every kind, rotating and importing, the data folder holds no secret', async () => {
    const status = await probeKeychain();
    expect(status, status.message).toMatchObject({ state: 'ok' });
    const vault = new KeytarStore();
    const inventory = new InventoryCache(dataDir);
    const service = new AccountsService({ dataDir, vault, inventory });
    await service.init();
    const secrets = {
      sk: rand('sk'),
      tempSk: rand('tempSk'),
      token: rand('token').repeat(8),
      password: `Pässwörd-密码-${randomBytes(9).toString('hex')}`,
      rotatedSk: rand('rotated'),
      importedSk: rand('importedSk'),
      importedPassword: rand('importedPw'),
    };
    const ids: string[] = [];
    const aksk = await service.add({
      kind: 'aksk',
      name: 'Permanent',
      accessKeyId: 'AKPERM00000000000001',
      secretKey: secrets.sk,
      defaultRegion: 'cn-north-4',
      proxyUrl: 'http://proxy.internal:3128',
    });
    ids.push(aksk.id);
    ids.push(
      (
        await service.add({
          kind: 'temporary',
          name: 'Temporary',
          accessKeyId: 'AKTEMP00000000000001',
          secretKey: secrets.tempSk,
          securityToken: secrets.token,
          expiresAt: new Date(Date.now() + 3600_000).toISOString(),
          defaultRegion: 'ap-southeast-1',
        })
      ).id,
    );
    ids.push(
      (
        await service.add({
          kind: 'password',
          name: 'IAM user',
          userName: 'ops',
          domainName: 'acme',
          password: secrets.password,
          defaultRegion: 'eu-west-101',
        })
      ).id,
    );
    await service.edit({ id: aksk.id, rotate: { secretKey: secrets.rotatedSk } });

    // Import from an SDK credentials file and a clouds.yaml in a fake home (outside the data folder).
    const home = join(root, 'home');
    await fs.mkdir(join(home, '.huaweicloud'), { recursive: true });
    await fs.writeFile(
      join(home, '.huaweicloud', 'credentials'),
      `[basic]\nak = AKIMPORT000000000001\nsk = ${secrets.importedSk}\nregion = cn-east-3\n`,
    );
    await fs.mkdir(join(home, '.config', 'openstack'), { recursive: true });
    await fs.writeFile(
      join(home, '.config', 'openstack', 'clouds.yaml'),
      `clouds:\n  c1:\n    region_name: cn-north-4\n    auth:\n      username: u\n      user_domain_name: d\n      password: "${secrets.importedPassword}"\n`,
    );
    const importer = new AccountImporter(service, {
      env: {},
      home,
      cwd: home,
      etcOpenstack: join(home, 'none'),
    });
    const preview = await importer.preview();
    const imported = await importer.importSelected(
      preview.candidates.map((c) => ({ candidateId: c.candidateId })),
    );
    expect(imported.failed).toEqual([]);
    ids.push(...imported.imported.map((v) => v.id));
    await inventory.put(aksk.id, 'cn-north-4', {
      servers: [{ id: 's1', name: 'web' }],
      disks: [],
      nics: [],
      tags: [],
    });
    const exported = service.exportAccounts();

    // Every secret really is in the keychain (so the scan below is not vacuous).
    expect(await service.getCredentials(aksk.id)).toMatchObject({ secretKey: secrets.rotatedSk });
    expect(await service.getCredentials(ids[1]!)).toMatchObject({ securityToken: secrets.token });
    expect(await service.getCredentials(ids[2]!)).toMatchObject({ password: secrets.password });
    expect((await service.list()).filter((v) => v.hasSecret)).toHaveLength(6);

    const all = Object.values(secrets);
    expect(await filesUnder(dataDir)).not.toEqual([]);
    expect(await leaks(dataDir, all)).toEqual([]);
    for (const s of all) for (const f of forms(s)) expect(exported.includes(f.toString())).toBe(false);
    expect(JSON.stringify(await service.list())).not.toContain(secrets.password);

    for (const id of ids) await service.remove(id);
    for (const id of ids) expect(await vault.find(id)).toEqual({});
  });
});
