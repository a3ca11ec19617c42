/**
 * The official Huawei SDK's Nova methods against the sandbox: servers, keypairs, security groups,
 * interfaces, flavor extra specs, version documents; happy paths and documented errors.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

// The SDK writes ~/.huaweicloud/: point HOME at a temp dir before it loads.
process.env.HOME = mkdtempSync(join(tmpdir(), 'nova-sdk-home-'));

type Sdk = Record<string, (req?: unknown) => Promise<Record<string, unknown>>>;
let sb: Sandbox;
let sdk: Sdk;

async function sdkError(p: Promise<unknown>): Promise<{ httpStatusCode: number; errorMsg?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { httpStatusCode: number };
  }
  throw new Error('expected the SDK call to fail');
}

async function waitStatus(id: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const r = await sdk.novaShowServer!({ server_id: id });
    const s = r.server as Record<string, unknown>;
    if (s.status === status) return s;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`server ${id} never reached ${status}`);
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 200 });
  const core = await import('@huaweicloud/huaweicloud-sdk-core');
  const ecs = await import('@huaweicloud/huaweicloud-sdk-ecs');
  const cred = new core.BasicCredentials()
    .withAk(sb.info.ak)
    .withSk(sb.info.sk)
    .withProjectId(sb.info.projectId);
  sdk = ecs.EcsClient.newBuilder()
    .withCredential(cred)
    .withEndpoint(sb.info.endpoint)
    .build() as unknown as Sdk;
});

afterAll(async () => {
  await sb.close();
});

function subnetId(): string {
  return [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!.id;
}

function imageId(name = 'Ubuntu'): string {
  return [...sb.state.images.values()].find((i) => i.name.startsWith(name))!.id;
}

describe('Nova through the official SDK', () => {
  it('lists the version documents without auth and shows v2.1 with its microversion range', async () => {
    const list = await sdk.novaListVersions!();
    const versions = list.versions as { id: string; version: string; min_version: string }[];
    expect(versions.map((v) => v.id)).toEqual(['v2.0', 'v2.1']);
    expect(versions[1]).toMatchObject({ version: '2.60', min_version: '2.1' });
    const one = await sdk.novaShowVersion!({ api_version: 'v2.1' });
    expect((one.version as { id: string }).id).toBe('v2.1');
    const raw = await fetch(`${sb.info.endpoint}/`);
    expect(raw.status).toBe(200);
  });

  it('creates a server that goes BUILD -> ACTIVE and shows it in list and detail', async () => {
    const created = await sdk.novaCreateServers!({
      body: {
        server: {
          name: 'sdk-nova-1',
          flavorRef: 's6.small.1',
          imageRef: imageId(),
          networks: [{ uuid: subnetId() }],
        },
      },
    });
    const id = (created.server as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const first = await sdk.novaShowServer!({ server_id: id });
    expect((first.server as { status: string }).status).toBe('BUILD');
    const active = await waitStatus(id, 'ACTIVE');
    expect(active['OS-EXT-STS:vm_state']).toBe('active');
    const addr = Object.values(active.addresses as Record<string, { addr: string }[]>)[0]![0]!;
    expect(addr.addr).toMatch(/^192\.168\./);
    const brief = await sdk.novaListServers!({ name: '^sdk-nova-1$' });
    expect((brief.servers as { id: string }[]).map((s) => s.id)).toEqual([id]);
    const detail = await sdk.novaListServersDetails!({ limit: 1000 });
    expect((detail.servers as { id: string }[]).some((s) => s.id === id)).toBe(true);
  });

  it('refuses an unknown flavor, a missing network and an unknown server with Nova errors', async () => {
    const bad = await sdkError(
      sdk.novaCreateServers!({
        body: {
          server: { name: 'x', flavorRef: 'nope', imageRef: imageId(), networks: [{ uuid: subnetId() }] },
        },
      }),
    );
    expect(bad.httpStatusCode).toBe(400);
    const noNet = await sdkError(
      sdk.novaCreateServers!({
        body: { server: { name: 'x', flavorRef: 's6.small.1', imageRef: imageId() } },
      }),
    );
    expect(noNet.httpStatusCode).toBe(400);
    const missing = await sdkError(
      sdk.novaShowServer!({ server_id: '00000000-0000-0000-0000-000000000000' }),
    );
    expect(missing.httpStatusCode).toBe(404);
  });

  it('creates, imports, shows, lists and deletes key pairs; the private key only on create', async () => {
    const created = await sdk.novaCreateKeypair!({ body: { keypair: { name: 'sdk-kp' } } });
    const kp = created.keypair as { private_key?: string; public_key: string; fingerprint: string };
    expect(kp.private_key).toMatch(/BEGIN RSA PRIVATE KEY/);
    expect(kp.public_key).toMatch(/^ssh-rsa /);
    expect(kp.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const shown = await sdk.novaShowKeypair!({ keypair_name: 'sdk-kp' });
    expect((shown.keypair as Record<string, unknown>).private_key).toBeUndefined();
    expect((shown.keypair as { fingerprint: string }).fingerprint).toBe(kp.fingerprint);
    const imported = await sdk.novaCreateKeypair!({
      body: { keypair: { name: 'sdk-imported', public_key: kp.public_key } },
    });
    expect((imported.keypair as { fingerprint: string }).fingerprint).toBe(kp.fingerprint);
    expect((imported.keypair as Record<string, unknown>).private_key).toBeUndefined();
    const list = await sdk.novaListKeypairs!({});
    const names = (list.keypairs as { keypair: { name: string } }[]).map((k) => k.keypair.name);
    expect(names).toEqual(expect.arrayContaining(['sdk-kp', 'sdk-imported']));
    const dup = await sdkError(sdk.novaCreateKeypair!({ body: { keypair: { name: 'sdk-kp' } } }));
    expect(dup.httpStatusCode).toBe(409);
    const tooLong = await sdkError(
      sdk.novaCreateKeypair!({
        body: { keypair: { name: 'big', public_key: `ssh-rsa ${'A'.repeat(1100)}` } },
      }),
    );
    expect(tooLong.httpStatusCode).toBe(400);
    const garbage = await sdkError(
      sdk.novaCreateKeypair!({ body: { keypair: { name: 'junk', public_key: 'ssh-rsa bm90LWEta2V5' } } }),
    );
    expect(garbage.httpStatusCode).toBe(400);
    await sdk.novaDeleteKeypair!({ keypair_name: 'sdk-imported' });
    const gone = await sdkError(sdk.novaShowKeypair!({ keypair_name: 'sdk-imported' }));
    expect(gone.httpStatusCode).toBe(404);
  });

  it('adds and removes a security group and lists the server groups, and reads flavor extra specs', async () => {
    const created = await sdk.novaCreateServers!({
      body: {
        server: {
          name: 'sdk-sg',
          flavorRef: 's6.small.1',
          imageRef: imageId(),
          networks: [{ uuid: subnetId() }],
        },
      },
    });
    const id = (created.server as { id: string }).id;
    await waitStatus(id, 'ACTIVE');
    const groupId = [...sb.state.securityGroups.values()][0]!.id;
    const before = await sdk.novaListServerSecurityGroups!({ server_id: id });
    expect((before.security_groups as { id: string }[]).map((g) => g.id)).toContain(groupId);
    const dupAdd = await sdkError(
      sdk.novaAssociateSecurityGroup!({ server_id: id, body: { addSecurityGroup: { name: groupId } } }),
    );
    expect(dupAdd.httpStatusCode).toBe(400);
    await sdk.novaDisassociateSecurityGroup!({
      server_id: id,
      body: { removeSecurityGroup: { name: 'default' } },
    });
    const after = await sdk.novaListServerSecurityGroups!({ server_id: id });
    expect(after.security_groups).toEqual([]);
    await sdk.novaAssociateSecurityGroup!({ server_id: id, body: { addSecurityGroup: { name: 'default' } } });
    const again = await sdk.novaListServerSecurityGroups!({ server_id: id });
    expect((again.security_groups as unknown[]).length).toBe(1);
    const specs = await sdk.novaShowFlavorExtraSpecs!({ flavor_id: 's6.small.1' });
    expect((specs.extra_specs as Record<string, string>)['cond:operation:status']).toBe('normal');
    const noFlavor = await sdkError(sdk.novaShowFlavorExtraSpecs!({ flavor_id: 'nope' }));
    expect(noFlavor.httpStatusCode).toBe(404);
  });

  it('attaches a NIC, shows it, refuses deleting the primary NIC, and deletes the server', async () => {
    const created = await sdk.novaCreateServers!({
      body: {
        server: {
          name: 'sdk-nic',
          flavorRef: 's6.small.1',
          imageRef: imageId(),
          networks: [{ uuid: subnetId() }],
        },
      },
    });
    const id = (created.server as { id: string }).id;
    await waitStatus(id, 'ACTIVE');
    const att = await sdk.novaAttachInterface!({
      server_id: id,
      body: { interfaceAttachment: { net_id: subnetId() } },
    });
    const portId = (att.interfaceAttachment as { port_id: string }).port_id;
    const shown = await sdk.novaShowServerInterface!({ server_id: id, port_id: portId });
    expect((shown.interfaceAttachment as { port_id: string }).port_id).toBe(portId);
    const primary = sb.state.servers.get(id)!.ports[0]!;
    const both = await sdkError(
      sdk.novaAttachInterface!({
        server_id: id,
        body: { interfaceAttachment: { net_id: subnetId(), port_id: primary } },
      }),
    );
    expect(both.httpStatusCode).toBe(400);
    await sdk.novaDeleteServer!({ server_id: id });
    for (let i = 0; i < 400 && sb.state.servers.has(id); i++) await new Promise((res) => setTimeout(res, 10));
    expect(sb.state.servers.has(id)).toBe(false);
  });
});
