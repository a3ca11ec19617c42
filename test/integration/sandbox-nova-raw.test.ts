/**
 * Raw signed requests (main/cloud/sign.ts) for the Nova operations the SDK lacks: microversion
 * differences, resize -> VERIFY_RESIZE -> confirm/revert, 1D tags with and without 2.26, lock,
 * metadata, limits, console output, discarded APIs and the V2 alias.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

let sb: Sandbox;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; mv?: string; v2?: boolean } = {},
): Promise<Answer> {
  const prefix = opts.v2 ? `/v2/${sb.info.projectId}` : `/v2.1/${sb.info.projectId}`;
  const url = new URL(`${sb.info.endpoint}${path.startsWith('/v') ? path : prefix + path}`);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.mv !== undefined) headers['X-OpenStack-Nova-API-Version'] = opts.mv;
  const signed = signRequest(
    { method, url, headers, ...(payload !== undefined ? { body: payload } : {}) },
    { ak: sb.info.ak, sk: sb.info.sk },
  );
  const res = await fetch(url, {
    method,
    headers: signed,
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    body = {};
  }
  return { status: res.status, body, text, headers: res.headers };
}

async function until(id: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 500; i++) {
    const r = await call('GET', `/servers/${id}`);
    const s = r.body.server as Record<string, unknown>;
    if (s.status === status) return s;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`server ${id} never reached ${status}`);
}

function subnetId(): string {
  return [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!.id;
}

async function newServer(name: string, extra: Record<string, unknown> = {}, mv?: string): Promise<string> {
  const image = [...sb.state.images.values()].find((i) => i.name.startsWith('Ubuntu'))!.id;
  const r = await call('POST', '/servers', {
    body: {
      server: { name, flavorRef: 's6.small.1', imageRef: image, networks: [{ uuid: subnetId() }], ...extra },
    },
    ...(mv !== undefined ? { mv } : {}),
  });
  expect(r.status).toBe(202);
  const id = (r.body.server as { id: string }).id;
  await until(id, 'ACTIVE');
  return id;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 200 });
});

afterAll(async () => {
  await sb.close();
});

describe('Nova microversions', () => {
  it('gates locked, description, tags and the 2.47 flavor object on the requested microversion', async () => {
    const id = await newServer('mv-1', { description: 'hello' }, '2.19');
    const old = (await call('GET', `/servers/${id}`)).body.server as Record<string, unknown>;
    expect(old).not.toHaveProperty('locked');
    expect(old).not.toHaveProperty('description');
    expect(old).not.toHaveProperty('OS-EXT-SRV-ATTR:hostname');
    expect(old.flavor).toMatchObject({ id: 's6.small.1' });
    const r26 = await call('GET', `/servers/${id}`, { mv: '2.26' });
    expect(r26.headers.get('openstack-api-version')).toBe('compute 2.26');
    const s26 = r26.body.server as Record<string, unknown>;
    expect(s26).toMatchObject({ locked: false, description: 'hello', tags: [] });
    expect(s26).toHaveProperty('OS-EXT-SRV-ATTR:hostname');
    const s47 = (await call('GET', `/servers/${id}`, { mv: '2.47' })).body.server as {
      flavor: Record<string, unknown>;
    };
    expect(s47.flavor).toMatchObject({ vcpus: 1, ram: 1024, original_name: 's6.small.1' });
    expect(s47.flavor).not.toHaveProperty('id');
    const tooNew = await call('GET', `/servers/${id}`, { mv: '2.61' });
    expect(tooNew.status).toBe(406);
    const noDesc = await call('POST', '/servers', {
      body: {
        server: { name: 'x', flavorRef: 's6.small.1', networks: [{ uuid: subnetId() }], description: 'd' },
      },
    });
    expect(noDesc.status).toBe(400);
    expect(noDesc.body).toHaveProperty('badRequest');
  });

  it('answers an invalid status filter with an empty list at 2.37 and 400 at 2.38', async () => {
    await newServer('mv-status');
    const r37 = await call('GET', '/servers?status=BOGUS', { mv: '2.37' });
    expect(r37.status).toBe(200);
    expect(r37.body.servers).toEqual([]);
    const r38 = await call('GET', '/servers?status=BOGUS', { mv: '2.38' });
    expect(r38.status).toBe(400);
    const ok = await call('GET', '/servers?status=ACTIVE');
    expect((ok.body.servers as unknown[]).length).toBeGreaterThan(0);
  });

  it('pages with limit and marker and gives servers_links until the last page', async () => {
    for (let i = 0; i < 3; i++) await newServer(`page-${i}`);
    const total = ((await call('GET', '/servers?limit=1000')).body.servers as unknown[]).length;
    const seen: string[] = [];
    let path: string | undefined = '/servers?limit=2';
    while (path !== undefined) {
      const r = await call('GET', path);
      seen.push(...(r.body.servers as { id: string }[]).map((s) => s.id));
      const next = (r.body.servers_links as { href: string }[] | undefined)?.[0]?.href;
      path = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect((await call('GET', '/servers?marker=nope')).status).toBe(400);
  });

  it('returns createImage as a Location header below 2.45 and image_id from 2.45', async () => {
    const id = await newServer('img-src');
    const old = await call('POST', `/servers/${id}/action`, { body: { createImage: { name: 'snap-old' } } });
    expect(old.status).toBe(202);
    expect(old.headers.get('location')).toMatch(/\/images\/[0-9a-f-]{36}$/);
    const neu = await call('POST', `/servers/${id}/action`, {
      body: { createImage: { name: 'snap-new' } },
      mv: '2.45',
    });
    expect(neu.body.image_id).toMatch(/^[0-9a-f-]{36}$/);
    const img = await call('GET', `/images/${neu.body.image_id as string}`);
    expect((img.body.image as { name: string }).name).toBe('snap-new');
  });
});

describe('Nova server actions', () => {
  it('resizes to VERIFY_RESIZE, then confirm keeps the new flavor and revert restores the old one', async () => {
    const id = await newServer('resize-1');
    expect(
      (await call('POST', `/servers/${id}/action`, { body: { resize: { flavorRef: 's6.small.1' } } })).status,
    ).toBe(400);
    expect((await call('POST', `/servers/${id}/action`, { body: { confirmResize: null } })).status).toBe(409);
    expect(
      (await call('POST', `/servers/${id}/action`, { body: { resize: { flavorRef: 's6.medium.2' } } }))
        .status,
    ).toBe(202);
    const verify = await until(id, 'VERIFY_RESIZE');
    expect(verify['OS-EXT-STS:vm_state']).toBe('resized');
    expect((verify.flavor as { id: string }).id).toBe('s6.medium.2');
    expect((await call('POST', `/servers/${id}/action`, { body: { confirmResize: null } })).status).toBe(204);
    const done = await until(id, 'ACTIVE');
    expect((done.flavor as { id: string }).id).toBe('s6.medium.2');

    expect(
      (await call('POST', `/servers/${id}/action`, { body: { resize: { flavorRef: 's6.large.2' } } })).status,
    ).toBe(202);
    await until(id, 'VERIFY_RESIZE');
    expect((await call('POST', `/servers/${id}/action`, { body: { revertResize: null } })).status).toBe(202);
    const reverted = await until(id, 'ACTIVE');
    expect((reverted.flavor as { id: string }).id).toBe('s6.medium.2');
    const actions = (await call('GET', `/servers/${id}/os-instance-actions`)).body.instanceActions as {
      action: string;
      request_id: string;
    }[];
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'resize', 'confirmResize', 'revertResize']),
    );
    const one = await call('GET', `/servers/${id}/os-instance-actions/${actions[0]!.request_id}`);
    expect((one.body.instanceAction as { events: unknown[] }).events.length).toBeGreaterThan(0);
  });

  it('stops, refuses a second stop with 409, starts; a locked server refuses stop and delete', async () => {
    const id = await newServer('life-1');
    expect((await call('POST', `/servers/${id}/action`, { body: { 'os-stop': {} } })).status).toBe(202);
    await until(id, 'SHUTOFF');
    const again = await call('POST', `/servers/${id}/action`, { body: { 'os-stop': {} } });
    expect(again.status).toBe(409);
    expect(again.body).toHaveProperty('conflictingRequest');
    expect((await call('POST', `/servers/${id}/action`, { body: { 'os-start': {} } })).status).toBe(202);
    await until(id, 'ACTIVE');
    expect((await call('POST', `/servers/${id}/action`, { body: { lock: null } })).status).toBe(202);
    const locked = await call('POST', `/servers/${id}/action`, { body: { reboot: { type: 'SOFT' } } });
    expect(locked.status).toBe(409);
    expect(JSON.stringify(locked.body)).toContain('Ecs.0605');
    expect((await call('DELETE', `/servers/${id}`)).status).toBe(409);
    expect(
      ((await call('GET', `/servers/${id}`, { mv: '2.9' })).body.server as { locked: boolean }).locked,
    ).toBe(true);
    expect((await call('POST', `/servers/${id}/action`, { body: { unlock: null } })).status).toBe(202);
    expect((await call('POST', `/servers/${id}/action`, { body: { reboot: { type: 'HARD' } } })).status).toBe(
      202,
    );
    const mid = (await call('GET', `/servers/${id}`)).body.server as { status: string };
    expect(mid.status).toBe('HARD_REBOOT');
    await until(id, 'ACTIVE');
    expect((await call('POST', `/servers/${id}/action`, { body: { bogus: {} } })).status).toBe(400);
  });

  it('serves console output only up to 2.5 and removes floating-IP actions from 2.44', async () => {
    const id = await newServer('console-1');
    const out = await call('POST', `/servers/${id}/action`, {
      body: { 'os-getConsoleOutput': { length: '50' } },
    });
    expect(out.status).toBe(200);
    expect(typeof out.body.output).toBe('string');
    expect(
      (
        await call('POST', `/servers/${id}/action`, {
          body: { 'os-getConsoleOutput': { length: 5 } },
          mv: '2.6',
        })
      ).status,
    ).toBe(404);
    const fip = await call('POST', '/os-floating-ips', { body: { pool: 'admin_external_net' } });
    const ip = (fip.body.floating_ip as { ip: string }).ip;
    expect(
      (await call('POST', `/servers/${id}/action`, { body: { addFloatingIp: { address: ip } }, mv: '2.44' }))
        .status,
    ).toBe(404);
    expect(
      (await call('POST', `/servers/${id}/action`, { body: { addFloatingIp: { address: ip } } })).status,
    ).toBe(202);
    const list = await call('GET', '/os-floating-ips');
    expect(
      (list.body.floating_ips as { ip: string; instance_id: string }[]).find((f) => f.ip === ip)?.instance_id,
    ).toBe(id);
    expect(
      (await call('POST', `/servers/${id}/action`, { body: { removeFloatingIp: { address: ip } } })).status,
    ).toBe(202);
  });
});

describe('Nova 1D tags, metadata, limits', () => {
  it('requires 2.26 for every tag operation and enforces 50 tags of 80 characters', async () => {
    const id = await newServer('tags-1');
    expect((await call('GET', `/servers/${id}/tags`)).status).toBe(404);
    expect((await call('PUT', `/servers/${id}/tags`, { body: { tags: ['a'] }, mv: '2.25' })).status).toBe(
      404,
    );
    const put = await call('PUT', `/servers/${id}/tags`, { body: { tags: ['foo', 'baz=xyy'] }, mv: '2.26' });
    expect(put.status).toBe(200);
    expect(put.body.tags).toEqual(['foo', 'baz=xyy']);
    const add = await call('PUT', `/servers/${id}/tags/qux`, { mv: '2.26' });
    expect(add.status).toBe(201);
    expect(add.text).toContain('201 Created');
    expect((await call('GET', `/servers/${id}/tags/qux`, { mv: '2.26' })).status).toBe(204);
    expect((await call('GET', `/servers/${id}/tags/none`, { mv: '2.26' })).status).toBe(404);
    expect((await call('PUT', `/servers/${id}/tags/${'x'.repeat(81)}`, { mv: '2.26' })).status).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect((await call('PUT', `/servers/${id}/tags`, { body: { tags: many }, mv: '2.26' })).status).toBe(400);
    const filtered = await call('GET', '/servers?tags=foo,qux', { mv: '2.26' });
    expect((filtered.body.servers as { id: string }[]).map((s) => s.id)).toEqual([id]);
    expect((await call('DELETE', `/servers/${id}/tags/foo`, { mv: '2.26' })).status).toBe(204);
    expect((await call('GET', `/servers/${id}/tags`, { mv: '2.26' })).body.tags).toEqual(['baz=xyy', 'qux']);
    expect((await call('DELETE', `/servers/${id}/tags`, { mv: '2.26' })).status).toBe(204);
    expect(
      ((await call('GET', `/servers/${id}`, { mv: '2.26' })).body.server as { tags: string[] }).tags,
    ).toEqual([]);
  });

  it('merges, replaces, sets and deletes metadata with the documented key rules', async () => {
    const id = await newServer('meta-1', { metadata: { a: '1' } });
    expect(
      (await call('POST', `/servers/${id}/metadata`, { body: { metadata: { b: '2' } } })).body.metadata,
    ).toEqual({ a: '1', b: '2' });
    expect(
      (await call('PUT', `/servers/${id}/metadata/c`, { body: { meta: { c: '3' } } })).body.meta,
    ).toEqual({ c: '3' });
    expect((await call('PUT', `/servers/${id}/metadata/c`, { body: { meta: { d: '3' } } })).status).toBe(400);
    expect((await call('GET', `/servers/${id}/metadata/b`)).body.meta).toEqual({ b: '2' });
    expect(
      (await call('POST', `/servers/${id}/metadata`, { body: { metadata: { 'bad/key': 'x' } } })).status,
    ).toBe(400);
    expect((await call('DELETE', `/servers/${id}/metadata/a`)).status).toBe(204);
    expect(
      (await call('PUT', `/servers/${id}/metadata`, { body: { metadata: { z: '26' } } })).body.metadata,
    ).toEqual({ z: '26' });
    expect((await call('GET', `/servers/${id}/metadata`)).body.metadata).toEqual({ z: '26' });
    expect((await call('GET', `/servers/${id}/metadata/a`)).status).toBe(404);
  });

  it('computes limits from actual usage and serves the same routes under /v2 without microversions', async () => {
    const before = (await call('GET', '/limits')).body.limits as { absolute: Record<string, number> };
    await newServer('limits-1');
    const after = (await call('GET', '/limits')).body.limits as { absolute: Record<string, number> };
    expect(after.absolute.totalInstancesUsed).toBe(before.absolute.totalInstancesUsed! + 1);
    expect(after.absolute.totalCoresUsed).toBe(before.absolute.totalCoresUsed! + 1);
    expect(after.absolute.totalRAMUsed).toBe(before.absolute.totalRAMUsed! + 1024);
    expect(after.absolute).toHaveProperty('maxServerMeta');
    expect(after.absolute).toHaveProperty('maxTotalKeypairs');
    const v2 = await call('GET', '/servers/detail?limit=1', { v2: true, mv: '2.26' });
    expect(v2.status).toBe(200);
    expect((v2.body.servers as Record<string, unknown>[])[0]).not.toHaveProperty('tags');
    const q = await call('GET', `/os-quota-sets/${sb.info.projectId}`);
    expect((q.body.quota_set as { instances: number }).instances).toBe(after.absolute.maxTotalInstances);
  });
});

describe('Nova volumes, server groups and discarded APIs', () => {
  it('creates a volume, attaches it on /dev/vdb, lists and detaches it, and snapshots it', async () => {
    const id = await newServer('vol-1');
    const az = sb.state.servers.get(id)!.availability_zone;
    const v = await call('POST', '/os-volumes', {
      body: { volume: { size: 10, availability_zone: az, display_name: 'data' } },
    });
    const volId = (v.body.volume as { id: string }).id;
    for (let i = 0; i < 200 && sb.state.volumes.get(volId)?.status !== 'available'; i++)
      await new Promise((r) => setTimeout(r, 10));
    const att = await call('POST', `/servers/${id}/os-volume_attachments`, {
      body: { volumeAttachment: { volumeId: volId, device: '/dev/sdb' } },
    });
    expect((att.body.volumeAttachment as { device: string }).device).toBe('/dev/vdb');
    const again = await call('POST', `/servers/${id}/os-volume_attachments`, {
      body: { volumeAttachment: { volumeId: volId } },
    });
    expect(again.status).toBe(400);
    const list = await call('GET', `/servers/${id}/os-volume_attachments`);
    expect((list.body.volumeAttachments as { volumeId: string }[]).map((a) => a.volumeId)).toContain(volId);
    for (let i = 0; i < 200 && sb.state.volumes.get(volId)?.status !== 'in-use'; i++)
      await new Promise((r) => setTimeout(r, 10));
    const snap = await call('POST', '/os-snapshots', {
      body: { snapshot: { volume_id: volId, display_name: 's1' } },
    });
    expect(snap.status).toBe(400);
    const forced = await call('POST', '/os-snapshots', {
      body: { snapshot: { volume_id: volId, display_name: 's1', force: true } },
    });
    expect((forced.body.snapshot as { volumeId: string }).volumeId).toBe(volId);
    const rootId = sb.state.servers.get(id)!.volumes[0]!;
    expect((await call('DELETE', `/servers/${id}/os-volume_attachments/${rootId}`)).status).toBe(409);
    expect((await call('DELETE', `/servers/${id}/os-volume_attachments/${volId}`)).status).toBe(202);
    for (let i = 0; i < 200 && sb.state.volumes.get(volId)?.status !== 'available'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(sb.state.volumes.get(volId)?.status).toBe('available');
  });

  it('creates an anti-affinity group, refuses other policies, and deletes it', async () => {
    const g = await call('POST', '/os-server-groups', {
      body: { server_group: { name: 'g1', policies: ['anti-affinity'] } },
      mv: '2.13',
    });
    expect(g.status).toBe(200);
    const group = g.body.server_group as { id: string; project_id: string };
    expect(group.project_id).toBe(sb.info.projectId);
    expect(
      (
        await call('POST', '/os-server-groups', {
          body: { server_group: { name: 'g2', policies: ['affinity'] } },
        })
      ).status,
    ).toBe(400);
    const listed = await call('GET', '/os-server-groups');
    expect((listed.body.server_groups as { id: string }[]).map((x) => x.id)).toContain(group.id);
    expect((await call('DELETE', `/os-server-groups/${group.id}`)).status).toBe(204);
    expect((await call('GET', `/os-server-groups/${group.id}`)).status).toBe(404);
  });

  it('creates and deletes a security group with a rule, lists flavors with filters', async () => {
    const sg = await call('POST', '/os-security-groups', {
      body: { security_group: { name: 'web', description: 'http' } },
    });
    const sgId = (sg.body.security_group as { id: string }).id;
    const rule = await call('POST', '/os-security-group-rules', {
      body: {
        security_group_rule: {
          parent_group_id: sgId,
          ip_protocol: 'tcp',
          from_port: '443',
          to_port: '443',
          cidr: '0.0.0.0/0',
        },
      },
    });
    expect(rule.status).toBe(200);
    const bad = await call('POST', '/os-security-group-rules', {
      body: {
        security_group_rule: { parent_group_id: sgId, ip_protocol: 'tcp', from_port: 500, to_port: 400 },
      },
    });
    expect(bad.status).toBe(400);
    const shown = await call('GET', `/os-security-groups/${sgId}`);
    expect((shown.body.security_group as { rules: { from_port: number }[] }).rules[0]?.from_port).toBe(443);
    expect((await call('DELETE', `/os-security-groups/${sgId}`)).status).toBe(202);
    const flavors = (await call('GET', '/flavors/detail?minRam=8192&sort_key=memory_mb&sort_dir=desc')).body
      .flavors as { ram: number; id: string }[];
    expect(flavors.length).toBeGreaterThan(0);
    expect(flavors.every((f) => f.ram >= 8192)).toBe(true);
    expect(flavors.map((f) => f.ram)).toEqual([...flavors.map((f) => f.ram)].sort((a, b) => b - a));
    expect(flavors.some((f) => f.id === 's2.tiny.1')).toBe(false);
  });
});
