/**
 * The fidelity audit, as a table: one row per documented error case of an operation (the API
 * Reference's section, the condition, the status and code it gives, from the operation's text or
 * the A.2 error-code appendix), each driven against the Sandbox over real AK/SK-signed HTTP. Rows
 * marked `fixed` were wrong before the audit (generic Ecs.0005, a wrong status, or a rule stricter
 * than the reference).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

let sb: Sandbox;
/** A running server, a stopped one, and the ids the rows need. */
const ids = {
  active: '',
  stopped: '',
  locked: '',
  subnet: '',
  vpc: '',
  ubuntu: '',
  windows: '',
  privateImage: '',
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const url = new URL(`${sb.info.endpoint}${path.replace('{p}', sb.info.projectId)}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = signRequest(
    { method, url, headers: { 'Content-Type': 'application/json' }, ...(payload ? { body: payload } : {}) },
    { ak: sb.info.ak, sk: sb.info.sk },
  );
  const res = await fetch(url, { method, headers, ...(payload ? { body: payload } : {}) });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    // Non-JSON bodies are only checked by status.
  }
  return { status: res.status, body: parsed };
}

/** The API code of an answer: ECS `error.code`, a gateway `error_code`, or a job's `job_id` for success. */
function codeOf(a: Answer): string | undefined {
  const err = a.body.error as { code?: string } | undefined;
  return err?.code ?? (a.body.error_code as string | undefined) ?? (a.body.code as string | undefined);
}

async function untilState(id: string, vm: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const s = sb.state.servers.get(id);
    if (s?.vm_state === vm && s.task_state === null) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`server ${id} never reached ${vm}`);
}

/** A valid §5.1.1 create body, with `over` merged into `server`. */
function createBody(over: Record<string, unknown> = {}): unknown {
  return {
    server: {
      name: 'fidelity',
      imageRef: ids.ubuntu,
      flavorRef: 's6.small.1',
      vpcid: ids.vpc,
      nics: [{ subnet_id: ids.subnet }],
      root_volume: { volumetype: 'SSD' },
      adminPass: 'Sandbox#2024x',
      ...over,
    },
  };
}

interface Row {
  operation: string;
  condition: string;
  /** Doc section that gives the case. */
  section: string;
  status: number;
  code?: string;
  /** Was wrong before the audit (and what it was). */
  fixed?: string;
  run: () => Promise<Answer>;
  /** Extra checks on the answer (or on state read back over HTTP). */
  then?: (answer: Answer) => Promise<void>;
}

const NONE = '00000000-0000-4000-8000-000000000000';

const rows: Row[] = [
  // ---- createServers (POST /v1/{p}/cloudservers)
  {
    operation: 'createServers',
    condition: 'a NIC subnet that does not exist',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0038',
    fixed: 'was Ecs.0005',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ nics: [{ subnet_id: NONE }] })),
  },
  {
    operation: 'createServers',
    condition: 'ip_address outside the subnet (the example error body: Ecs.0005 with detail Ecs.0039)',
    section: '5.1.1 example',
    status: 400,
    code: 'Ecs.0005',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({ nics: [{ subnet_id: ids.subnet, ip_address: '10.9.9.9' }] }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'key_name of a key pair that does not exist',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0314',
    fixed: 'was Ecs.0005',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: undefined, key_name: 'no-such-key' })),
  },
  {
    operation: 'createServers',
    condition: "adminPass whose only special character is '&' (listed in the doc's set)",
    section: '5.1.1 Table 5-3',
    status: 200,
    fixed: 'was Ecs.0011: & and ; were not counted as special characters',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: 'sandbox&2024' })),
  },
  {
    operation: 'createServers',
    condition: 'adminPass too weak (two character classes)',
    section: '5.1.1 Table 5-3, A.2',
    status: 400,
    code: 'Ecs.0011',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: 'sandboxpassword' })),
  },
  {
    operation: 'createServers',
    condition: 'Windows adminPass holding three consecutive characters of "Administrator"',
    section: '5.1.1 Table 5-3',
    status: 400,
    code: 'Ecs.0011',
    fixed: 'was accepted (rule missing)',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ imageRef: ids.windows, adminPass: 'Mint#2024xyz' })),
  },
  {
    operation: 'createServers',
    condition: 'Linux private image with neither key_name nor adminPass ("image password")',
    section: '5.1.1 Function',
    status: 200,
    fixed: 'was Ecs.0005: a credential was always required for Linux',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ imageRef: ids.privateImage, adminPass: undefined })),
  },
  {
    operation: 'createServers',
    condition: 'public Linux image with no way to log in',
    section: '5.1.1 Function',
    status: 400,
    code: 'Ecs.0005',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ adminPass: undefined })),
  },
  {
    operation: 'createServers',
    condition: 'an image that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0031',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ imageRef: NONE })),
  },
  {
    operation: 'createServers',
    condition: 'a flavor that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0029',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ flavorRef: 'x9.none' })),
  },
  {
    operation: 'createServers',
    condition: 'a sold-out flavor',
    section: '5.4.1, A.2',
    status: 400,
    code: 'Ecs.0319',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ flavorRef: 'c7.8xlarge.2' })),
  },
  {
    operation: 'createServers',
    condition: 'count 501',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0913',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ count: 501 })),
  },
  {
    operation: 'createServers',
    condition: 'a name of 129 characters',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0914',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ name: 'a'.repeat(129) })),
  },
  {
    operation: 'createServers',
    condition: 'a name with invalid characters',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0915',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ name: 'web server!' })),
  },
  {
    operation: 'createServers',
    condition: 'a description with "<"',
    section: '5.1.1, A.2',
    status: 400,
    code: 'Ecs.0041',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ description: '<b>' })),
  },
  {
    operation: 'createServers',
    condition: "more NICs than the flavor's instance_vnic:max_count (4)",
    section: '5.4.1 Table 5-41, A.2',
    status: 400,
    code: 'Ecs.0050',
    fixed: 'was accepted up to 12',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({ nics: Array.from({ length: 5 }, () => ({ subnet_id: ids.subnet })) }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'a VPC that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0014',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ vpcid: NONE })),
  },
  {
    operation: 'createServers',
    condition: 'a disk type that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0043',
    run: () => call('POST', '/v1/{p}/cloudservers', createBody({ root_volume: { volumetype: 'FLOPPY' } })),
  },
  {
    operation: 'createServers',
    condition: '11 tags',
    section: '5.9, A.2',
    status: 400,
    code: 'Ecs.0905',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({ server_tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'a duplicate tag key',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0908',
    run: () =>
      call(
        'POST',
        '/v1/{p}/cloudservers',
        createBody({
          server_tags: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        }),
      ),
  },
  {
    operation: 'createServers',
    condition: 'an empty body',
    section: 'A.2',
    status: 400,
    code: 'Common.0002',
    run: () => call('POST', '/v1/{p}/cloudservers'),
  },
  {
    operation: 'createServers',
    condition: 'a tag whose key is "constructor" (a valid key, not a duplicate)',
    section: '5.9.3 Table 5-76',
    status: 200,
    fixed: 'was Ecs.0908 "Duplicate tag key"',
    run: () =>
      call('POST', '/v1/{p}/cloudservers', createBody({ server_tags: [{ key: 'constructor', value: 'x' }] })),
  },
  // ---- tags, groups
  {
    operation: 'batchCreateServerTags',
    condition: 'a tag whose key is "__proto__" is stored and listed',
    section: '5.9.3',
    status: 204,
    fixed: 'was answered 204 but silently dropped',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/tags/action`, {
        action: 'create',
        tags: [{ key: '__proto__', value: 'kept' }],
      }),
    then: async () => {
      const list = await call('GET', `/v1/{p}/cloudservers/${ids.active}/tags`);
      expect(list.body.tags).toContainEqual({ key: '__proto__', value: 'kept' });
    },
  },
  {
    operation: 'batchDeleteServerTags',
    condition: 'a tag that does not exist (idempotent)',
    section: '5.9.4',
    status: 204,
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/tags/action`, {
        action: 'delete',
        tags: [{ key: 'never-set' }],
      }),
  },
  {
    operation: 'createServerGroup',
    condition: 'an affinity group ("Only anti-affinity groups are supported")',
    section: '5.10.1 Constraints',
    status: 400,
    code: 'Ecs.0005',
    fixed: 'was accepted',
    run: () =>
      call('POST', '/v1/{p}/cloudservers/os-server-groups', {
        server_group: { name: 'aff', policies: ['affinity'] },
      }),
  },
  {
    operation: 'novaUpdateServerMetadata',
    condition: 'a metadata key "__proto__" is stored and listed',
    section: '6.9.1',
    status: 200,
    fixed: 'was answered 200 but silently dropped',
    run: () =>
      call('POST', `/v2.1/{p}/servers/${ids.active}/metadata`, { metadata: { ['__proto__']: 'kept' } }),
    then: async () => {
      const list = await call('GET', `/v2.1/{p}/servers/${ids.active}/metadata`);
      expect(Object.hasOwn(list.body.metadata as object, '__proto__')).toBe(true);
      const one = await call('GET', `/v2.1/{p}/servers/${ids.active}/metadata/constructor`);
      expect(one.status).toBe(404);
    },
  },
  // ---- deleteServers, batch actions
  {
    operation: 'deleteServers',
    condition: '1,001 servers',
    section: '5.1.2, A.2',
    status: 400,
    code: 'Ecs.0118',
    run: () =>
      call('POST', '/v1/{p}/cloudservers/delete', {
        servers: Array.from({ length: 1001 }, () => ({ id: NONE })),
      }),
  },
  {
    operation: 'showServer',
    condition: 'a server that does not exist',
    section: '5.1, A.2',
    status: 404,
    code: 'Ecs.0114',
    run: () => call('GET', `/v1/{p}/cloudservers/${NONE}`),
  },
  {
    operation: 'batchStopServers',
    condition: 'a locked server',
    section: '6.3.4, A.2',
    status: 400,
    code: 'Ecs.0605',
    run: () => call('POST', '/v1/{p}/cloudservers/action', { 'os-stop': { servers: [{ id: ids.locked }] } }),
  },
  // ---- status management
  {
    operation: 'migrateServer',
    condition: 'a dedicated host that does not exist',
    section: '5.2.3, A.2',
    status: 400,
    code: 'Ecs.0221',
    fixed: 'was accepted and the job succeeded',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.stopped}/migrate`, { migrate: { dedicated_host_id: NONE } }),
  },
  {
    operation: 'migrateServer',
    condition: '`migrate: null` (to the public resource pool)',
    section: '5.2.3 Table 5-19',
    status: 200,
    fixed: 'was Ecs.0005 (null refused)',
    run: () => call('POST', `/v1/{p}/cloudservers/${ids.stopped}/migrate`, { migrate: null }),
  },
  {
    operation: 'migrateServer',
    condition: 'a running server',
    section: '5.2.3 Constraints, A.2',
    status: 400,
    code: 'Ecs.0100',
    run: () => call('POST', `/v1/{p}/cloudservers/${ids.active}/migrate`, { migrate: {} }),
  },
  {
    operation: 'reinstallServerOs',
    condition: 'keyname of a key pair that does not exist',
    section: '5.2.1, A.2',
    status: 400,
    code: 'Ecs.0314',
    fixed: 'was Ecs.0005',
    run: () =>
      call('POST', `/v2/{p}/cloudservers/${ids.stopped}/reinstallos`, {
        'os-reinstall': { keyname: 'nope' },
      }),
  },
  {
    operation: 'changeServerOs',
    condition: 'an image that is not active',
    section: '5.2.2, A.2',
    status: 400,
    code: 'Ecs.0032',
    run: () => {
      const queued = [...sb.state.images.values()].find((i) => i.status === 'queued')!.id;
      return call('POST', `/v2/{p}/cloudservers/${ids.stopped}/changeos`, {
        'os-change': { imageid: queued, adminpass: 'Sandbox#2024x' },
      });
    },
  },
  {
    operation: 'resizeServer',
    condition: 'the same flavor',
    section: '5.2.4, A.2',
    status: 400,
    code: 'Ecs.0810',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.stopped}/resize`, {
        resize: { flavorRef: sb.state.servers.get(ids.stopped)!.flavor_id },
      }),
  },
  // ---- NICs
  {
    operation: 'batchDeleteServerNics',
    condition: 'the primary NIC',
    section: '5.5.2 Table 5-48',
    status: 403,
    code: 'Ecs.0005',
    fixed: 'was 400',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/nics/delete`, {
        nics: [{ id: sb.state.servers.get(ids.active)!.ports[0] }],
      }),
  },
  {
    operation: 'batchDeleteServerNics',
    condition: 'a NIC the server does not have',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0085',
    run: () => call('POST', `/v1/{p}/cloudservers/${ids.active}/nics/delete`, { nics: [{ id: NONE }] }),
  },
  {
    operation: 'batchAddServerNics',
    condition: "NICs beyond the flavor's instance_vnic:max_count",
    section: '5.4.1 Table 5-41, A.2',
    status: 400,
    code: 'Ecs.0050',
    fixed: 'was accepted up to 12',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/nics`, {
        nics: Array.from({ length: 4 }, () => ({ subnet_id: ids.subnet })),
      }),
  },
  {
    operation: 'batchAddServerNics',
    condition: 'a subnet that does not exist',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0038',
    run: () => call('POST', `/v1/{p}/cloudservers/${ids.active}/nics`, { nics: [{ subnet_id: NONE }] }),
  },
  {
    operation: 'batchAddServerNics',
    condition: 'an IP outside the subnet',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0039',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/nics`, {
        nics: [{ subnet_id: ids.subnet, ip_address: '10.9.9.9' }],
      }),
  },
  {
    operation: 'batchAddServerNics',
    condition: 'an IP already in use',
    section: 'A.2',
    status: 400,
    code: 'Ecs.0010',
    run: () => {
      const used = sb.state.ports.get(sb.state.servers.get(ids.active)!.ports[0]!)!.fixed_ips[0]!.ip_address;
      return call('POST', `/v1/{p}/cloudservers/${ids.active}/nics`, {
        nics: [{ subnet_id: ids.subnet, ip_address: used }],
      });
    },
  },
  {
    operation: 'novaAttachInterface',
    condition: "a NIC beyond the flavor's instance_vnic:max_count",
    section: '6.7.3, 5.4.1 Table 5-41',
    status: 403,
    fixed: 'was accepted up to 12',
    run: async () => {
      const server = sb.state.servers.get(ids.stopped)!;
      let last: Answer = { status: 0, body: {} };
      // Fill the server up to its flavor's limit; the next one is refused.
      for (let i = server.ports.length; i <= 4; i++)
        last = await call('POST', `/v2.1/{p}/servers/${ids.stopped}/os-interface`, {
          interfaceAttachment: { net_id: ids.subnet },
        });
      return last;
    },
  },
  {
    operation: 'novaDeleteServerInterface',
    condition: 'the primary NIC',
    section: '6.7.4 Table 6-140',
    status: 403,
    run: () =>
      call(
        'DELETE',
        `/v2.1/{p}/servers/${ids.active}/os-interface/${sb.state.servers.get(ids.active)!.ports[0]}`,
      ),
  },
  // ---- disks
  {
    operation: 'attachServerVolume',
    condition: 'a disk that does not exist',
    section: '5.6.1, A.2',
    status: 400,
    code: 'Ecs.0103',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/attachvolume`, {
        volumeAttachment: { volumeId: NONE },
      }),
  },
  {
    operation: 'attachServerVolume',
    condition: 'a disk already attached to this server',
    section: '5.6.1, A.2',
    status: 400,
    code: 'Ecs.0057',
    run: () =>
      call('POST', `/v1/{p}/cloudservers/${ids.active}/attachvolume`, {
        volumeAttachment: { volumeId: sb.state.servers.get(ids.active)!.volumes[0] },
      }),
  },
  {
    operation: 'detachServerVolume',
    condition: 'a disk not attached to the server',
    section: '5.6.2, A.2',
    status: 400,
    code: 'Ecs.0111',
    run: () => call('DELETE', `/v1/{p}/cloudservers/${ids.active}/detachvolume/${NONE}`),
  },
  // ---- jobs, groups
  {
    operation: 'showJob',
    condition: 'a job id that does not exist',
    section: '5.8.1, A.2',
    status: 400,
    code: 'Common.0011',
    run: () => call('GET', '/v1/{p}/jobs/ff80808288d41e1b018990260955686a'),
  },
  {
    operation: 'showServerGroup',
    condition: 'a group that does not exist',
    section: '5.10.6',
    status: 404,
    run: () => call('GET', `/v1/{p}/cloudservers/os-server-groups/${NONE}`),
  },
  {
    operation: 'addServerGroupMember',
    condition: 'a running server ("The ECS to be added has been stopped")',
    section: '5.10.3, A.2',
    status: 400,
    code: 'Ecs.0100',
    run: async () => {
      const g = await call('POST', '/v1/{p}/cloudservers/os-server-groups', {
        server_group: { name: 'fidelity', policies: ['anti-affinity'] },
      });
      const gid = (g.body.server_group as { id: string }).id;
      return call('POST', `/v1/{p}/cloudservers/os-server-groups/${gid}/action`, {
        add_member: { instance_uuid: ids.active },
      });
    },
  },
];

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 500, servers: 3 });
  const [a, b, c] = [...sb.state.servers.keys()];
  ids.active = a!;
  ids.stopped = b!;
  ids.locked = c!;
  const subnet = [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!;
  ids.subnet = subnet.id;
  ids.vpc = subnet.vpc_id;
  const images = [...sb.state.images.values()];
  ids.ubuntu = images.find((i) => i.name.startsWith('Ubuntu'))!.id;
  ids.windows = images.find((i) => i.os_type === 'Windows')!.id;
  // Over HTTP like everything else: stop one server, lock another, capture a private image.
  expect(
    (await call('POST', '/v1/{p}/cloudservers/action', { 'os-stop': { servers: [{ id: ids.stopped }] } }))
      .status,
  ).toBe(200);
  await untilState(ids.stopped, 'stopped');
  expect((await call('POST', `/v2.1/{p}/servers/${ids.locked}/action`, { lock: null })).status).toBe(202);
  const img = await call('POST', `/v2.1/{p}/servers/${ids.active}/action`, {
    createImage: { name: 'private-linux' },
  });
  expect(img.status).toBe(202);
  ids.privateImage = [...sb.state.images.values()].find((i) => i.name === 'private-linux')!.id;
  for (let i = 0; i < 1000 && sb.state.images.get(ids.privateImage)!.status !== 'active'; i++)
    await new Promise((r) => setTimeout(r, 5));
  await untilState(ids.active, 'active');
});
afterAll(async () => {
  await sb?.close();
});

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
