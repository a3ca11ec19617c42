/**
 * Fidelity rows of what is attached to servers (NICs and disks), and of jobs and server groups.
 */
import { call, ids, NONE, sb, type Answer, type Row } from '../../helpers/sandbox-fidelity';

export const deviceRows: Row[] = [
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
