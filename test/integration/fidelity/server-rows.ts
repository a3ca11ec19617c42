/**
 * Fidelity rows of actions on servers: tags and server groups, delete and the batch actions, and
 * status management (migrate, reinstall, change OS, resize).
 */
import { expect } from 'vitest';
import { call, ids, NONE, sb, type Row } from '../../helpers/sandbox-fidelity';

export const serverRows: Row[] = [
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
];
