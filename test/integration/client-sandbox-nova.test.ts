/**
 * Our CloudClient against the simulator over HTTP: every Nova v2.1 (and v1.0, and the V2
 * os-volumes_boot alias) operation of the table, with realistic set-up, checking the effects
 * through the API and the simulator's state. Nova actions have no job: the tests wait on the
 * server status with client.waitFor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SANDBOX_COVERAGE } from '../helpers/client-sandbox-coverage';
import {
  createServer,
  exercisedInFile,
  startClientRig,
  until,
  untilStatus,
  type ClientRig,
} from '../helpers/client-sandbox';

let rig: ClientRig;

beforeAll(async () => {
  rig = await startClientRig({ servers: 2 });
});
afterAll(async () => {
  await rig.close();
});

/** novaCreateServer and wait for ACTIVE; resolves the id. */
async function novaServer(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await rig.client.call('novaCreateServer', {
    body: {
      server: {
        name,
        flavorRef: 's6.small.1',
        imageRef: rig.imageId(),
        networks: [{ uuid: rig.subnetId }],
        ...extra,
      },
    } as never,
  });
  const id = serverIdOf(res);
  await untilStatus(rig, id, 'ACTIVE');
  return id;
}

/** The id in a create answer (the `server` form; `reservation_id` only with return_reservation_id). */
function serverIdOf(res: unknown): string {
  const id = (res as { server?: { id?: string } }).server?.id;
  if (id === undefined) throw new Error(`no server id in ${JSON.stringify(res)}`);
  return id;
}

describe('Nova versions', () => {
  it('lists the version documents and shows v2.1 with its microversion range', async () => {
    const all = await rig.client.call('novaListVersions');
    expect(all.versions!.map((v) => v.id)).toEqual(expect.arrayContaining(['v2.0', 'v2.1']));
    const one = await rig.client.call('novaShowVersion', { path: { api_version: 'v2.1' } });
    expect(one.version).toMatchObject({ id: 'v2.1', min_version: '2.1', version: '2.60' });
  });
});

describe('Nova servers', () => {
  it('creates, lists (both styles), shows, updates and deletes a server', async () => {
    const id = await novaServer('nova-1');
    const brief: string[] = [];
    for await (const s of rig.client.paginate('novaListServers', { query: { limit: 1 } })) brief.push(s.id!);
    expect(brief).toContain(id);
    expect(brief).toHaveLength(rig.sb.state.servers.size);
    const detail = await rig.client.call('novaListServersDetail', { query: { name: 'nova-1' } });
    expect(detail.servers!.map((s) => s.id)).toEqual([id]);
    const upd = await rig.client.call(
      'novaUpdateServer',
      { path: { server_id: id }, body: { server: { name: 'nova-1b', description: 'renamed' } } },
      { headers: { 'X-OpenStack-Nova-API-Version': '2.19' } },
    );
    expect(upd.server?.name).toBe('nova-1b');
    expect((await rig.client.call('novaShowServer', { path: { server_id: id } })).server?.name).toBe(
      'nova-1b',
    );
    await rig.client.call('novaDeleteServer', { path: { server_id: id } });
    await until(() => !rig.sb.state.servers.has(id), `server ${id} deleted`);
  });

  it('boots from an image-sourced volume through the V2 os-volumes_boot alias, without imageRef', async () => {
    const centos = rig.imageId('CentOS');
    const res = await rig.client.call('novaCreateServerOsVolumesBoot', {
      body: {
        server: {
          name: 'bfv',
          flavorRef: 's6.small.1',
          networks: [{ uuid: rig.subnetId }],
          block_device_mapping_v2: [
            {
              source_type: 'image',
              destination_type: 'volume',
              uuid: centos,
              boot_index: '0',
              volume_size: 40,
              delete_on_termination: true,
            },
          ],
        },
      } as never,
    });
    const id = serverIdOf(res);
    await untilStatus(rig, id, 'ACTIVE');
    const server = rig.sb.state.servers.get(id)!;
    expect(server.image_id).toBe(centos);
    expect(server.volumes).toHaveLength(1);
    expect(rig.sb.state.volumes.get(server.volumes[0]!)).toMatchObject({ bootable: true, size: 40 });
  });

  it('stops, starts, reboots, locks, unlocks, rebuilds and monitors a server', async () => {
    const id = await novaServer('life');
    await rig.client.call('novaStopServer', { path: { server_id: id }, body: { 'os-stop': {} } });
    await untilStatus(rig, id, 'SHUTOFF');
    await rig.client.call('novaStartServer', { path: { server_id: id }, body: { 'os-start': {} } });
    await untilStatus(rig, id, 'ACTIVE');
    await rig.client.call('novaRebootServer', {
      path: { server_id: id },
      body: { reboot: { type: 'SOFT' } },
    });
    await untilStatus(rig, id, 'ACTIVE');
    await rig.client.call('novaLockServer', { path: { server_id: id }, body: { lock: null } });
    expect(rig.sb.state.servers.get(id)!.locked).toBe(true);
    await rig.client.call('novaUnlockServer', { path: { server_id: id }, body: { unlock: null } });
    expect(rig.sb.state.servers.get(id)!.locked).toBe(false);
    const centos = rig.imageId('CentOS');
    await rig.client.call('novaRebuildServer', {
      path: { server_id: id },
      body: { rebuild: { imageRef: centos, name: 'rebuilt' } },
    });
    await untilStatus(rig, id, 'ACTIVE');
    expect(rig.sb.state.servers.get(id)!.image_id).toBe(centos);
    await rig.client.call('novaMonitorServer', { path: { server_id: id }, body: { monitorMetrics: null } });
  });

  it('resizes to VERIFY_RESIZE and confirms, then resizes again and reverts', async () => {
    const id = await novaServer('resize');
    await rig.client.call('novaResizeServer', {
      path: { server_id: id },
      body: { resize: { flavorRef: 's6.medium.2' } },
    });
    await untilStatus(rig, id, 'VERIFY_RESIZE');
    await rig.client.call('novaConfirmResize', { path: { server_id: id }, body: { confirmResize: null } });
    await untilStatus(rig, id, 'ACTIVE');
    expect(rig.sb.state.servers.get(id)!.flavor_id).toBe('s6.medium.2');
    await rig.client.call('novaResizeServer', {
      path: { server_id: id },
      body: { resize: { flavorRef: 's6.large.2' } },
    });
    await untilStatus(rig, id, 'VERIFY_RESIZE');
    await rig.client.call('novaRevertResize', { path: { server_id: id }, body: { revertResize: null } });
    await untilStatus(rig, id, 'ACTIVE');
    expect(rig.sb.state.servers.get(id)!.flavor_id).toBe('s6.medium.2');
    const actions = (await rig.client.call('novaListInstanceActions', { path: { server_id: id } }))
      .instanceActions!;
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'resize', 'confirmResize', 'revertResize']),
    );
    const one = await rig.client.call('novaShowInstanceAction', {
      path: { server_id: id, request_id: actions[0]!.request_id! },
    });
    expect(one.instanceAction?.request_id).toBe(actions[0]!.request_id);
  });

  it('creates an image (image_id at 2.45), reads the console output (capped at 2.5) and the password', async () => {
    const id = await novaServer('imaging');
    const img = await rig.client.call(
      'novaCreateImage',
      { path: { server_id: id }, body: { createImage: { name: 'from-ecs' } } },
      { headers: { 'X-OpenStack-Nova-API-Version': '2.45', 'OpenStack-API-Version': 'compute 2.45' } },
    );
    expect(rig.sb.state.images.get(img!.image_id!)?.name).toBe('from-ecs');
    const out = await rig.client.call('novaGetConsoleOutput', {
      path: { server_id: id },
      body: { 'os-getConsoleOutput': { length: 10 } },
    });
    expect(typeof out.output).toBe('string');
    const pw = await rig.client.call('novaShowServerPassword', { path: { server_id: id } });
    expect(typeof pw.password).toBe('string');
    await rig.client.call('novaDeleteServerPassword', { path: { server_id: id } });
  });
});

describe('Nova metadata and 1D tags', () => {
  it('merges, replaces, sets, shows, lists and deletes metadata', async () => {
    const id = await novaServer('meta', { metadata: { a: '1' } });
    const merged = await rig.client.call('novaUpdateServerMetadata', {
      path: { server_id: id },
      body: { metadata: { b: '2' } },
    });
    expect(merged.metadata).toEqual({ a: '1', b: '2' });
    const set = await rig.client.call('novaSetServerMetadataItem', {
      path: { server_id: id, key: 'app:tier.1' },
      body: { meta: { 'app:tier.1': 'web' } },
    });
    expect(set.meta).toEqual({ 'app:tier.1': 'web' });
    expect(
      (await rig.client.call('novaShowServerMetadataItem', { path: { server_id: id, key: 'app:tier.1' } }))
        .meta,
    ).toEqual({ 'app:tier.1': 'web' });
    await rig.client.call('novaDeleteServerMetadataItem', { path: { server_id: id, key: 'app:tier.1' } });
    expect((await rig.client.call('novaListServerMetadata', { path: { server_id: id } })).metadata).toEqual({
      a: '1',
      b: '2',
    });
    const replaced = await rig.client.call('novaReplaceServerMetadata', {
      path: { server_id: id },
      body: { metadata: { z: '26' } },
    });
    expect(replaced.metadata).toEqual({ z: '26' });
    expect(rig.sb.state.servers.get(id)!.metadata).toEqual({ z: '26' });
  });

  it('replaces, adds (URL-encoded), checks, lists and deletes 1D tags at microversion 2.26', async () => {
    const id = await novaServer('tags1d');
    const rep = await rig.client.call('novaReplaceServerTags', {
      path: { server_id: id },
      body: { tags: ['foo', 'baz=1'] },
    });
    expect(rep.tags).toEqual(['foo', 'baz=1']);
    const added = await rig.client.callRaw('novaAddServerTag', {
      path: { server_id: id, tag: 'env=prod&web' },
    });
    expect(added.status).toBe(201);
    await rig.client.call('novaCheckServerTag', { path: { server_id: id, tag: 'env=prod&web' } });
    expect((await rig.client.call('novaListServerTags', { path: { server_id: id } })).tags).toEqual([
      'foo',
      'baz=1',
      'env=prod&web',
    ]);
    await rig.client.call('novaDeleteServerTag', { path: { server_id: id, tag: 'foo' } });
    expect(rig.sb.state.servers.get(id)!.tags1d).toEqual(['baz=1', 'env=prod&web']);
    await rig.client.call('novaDeleteAllServerTags', { path: { server_id: id } });
    expect((await rig.client.call('novaListServerTags', { path: { server_id: id } })).tags).toEqual([]);
  });
});

describe('Nova flavors, limits, quotas, networks', () => {
  it('lists flavors (brief and detail), shows one and its extra specs', async () => {
    const brief: string[] = [];
    for await (const f of rig.client.paginate('novaListFlavors')) brief.push(f.id!);
    expect(brief).toContain('s6.small.1');
    const detail = (await rig.client.call('novaListFlavorsDetail', { query: { minRam: 8192 } })).flavors!;
    expect(detail.every((f) => (f.ram ?? 0) >= 8192)).toBe(true);
    const one = await rig.client.call('novaShowFlavor', { path: { flavor_id: 's6.large.2' } });
    expect(one.flavor).toMatchObject({ id: 's6.large.2', vcpus: 2, ram: 4096 });
    const specs = await rig.client.call('novaListFlavorExtraSpecs', { path: { flavor_id: 's6.large.2' } });
    expect(specs.extra_specs?.['ecs:performancetype']).toBe('normal');
  });

  it('shows limits, the quota set and its defaults, and the networks', async () => {
    const limits = await rig.client.call('novaShowLimits');
    expect(limits.limits?.absolute?.totalInstancesUsed).toBe(rig.sb.state.servers.size);
    const q = await rig.client.call('novaShowQuotaSet');
    expect(q.quota_set?.instances).toBe(rig.sb.state.quotas.instances);
    const d = await rig.client.call('novaShowQuotaSetDefaults');
    expect(typeof d.quota_set?.cores).toBe('number');
    const nets = (await rig.client.call('novaListNetworks')).networks!;
    expect(nets.length).toBe(rig.sb.state.subnets.size);
  });
});

describe('Nova per-server network, NICs, volumes and security groups', () => {
  it('lists the IPs, shows them by network name, and adds and removes a NIC', async () => {
    const id = await novaServer('net');
    const ips = (await rig.client.call('novaListServerIps', { path: { server_id: id } })).addresses!;
    const netName = Object.keys(ips)[0]!;
    const byNet = (await rig.client.call('novaShowServerIpsByNetwork', {
      path: { server_id: id, networkName: netName },
    })) as Record<string, unknown>;
    expect(byNet[netName]).toEqual(ips[netName]);
    const subnet = rig.sb.state.subnets.get(rig.subnetId)!;
    const created = await rig.client.call('novaCreateServerInterface', {
      path: { server_id: id },
      body: { interfaceAttachment: { net_id: subnet.neutron_network_id } },
    });
    const portId = created.interfaceAttachment!.port_id!;
    const list = (await rig.client.call('novaListServerInterfaces', { path: { server_id: id } }))
      .interfaceAttachments!;
    expect(list.map((p) => p.port_id)).toContain(portId);
    const one = await rig.client.call('novaShowServerInterface', {
      path: { server_id: id, port_id: portId },
    });
    expect(one.interfaceAttachment?.port_id).toBe(portId);
    await rig.client.call('novaDeleteServerInterface', { path: { server_id: id, port_id: portId } });
    await until(() => !rig.sb.state.ports.has(portId), `port ${portId} deleted`);
  });

  it('attaches, lists, shows and detaches a volume', async () => {
    const id = await novaServer('vols');
    const az = rig.sb.state.servers.get(id)!.availability_zone;
    const vol = [...rig.sb.state.volumes.values()].find(
      (v) => v.status === 'available' && v.availability_zone === az,
    )!;
    const att = await rig.client.call('novaAttachVolume', {
      path: { server_id: id },
      body: { volumeAttachment: { volumeId: vol.id } },
    });
    expect(att.volumeAttachment?.volumeId).toBe(vol.id);
    await until(() => rig.sb.state.volumes.get(vol.id)!.status === 'in-use', 'volume in-use');
    const list = (await rig.client.call('novaListVolumeAttachments', { path: { server_id: id } }))
      .volumeAttachments!;
    expect(list.map((a) => a.volumeId)).toContain(vol.id);
    const one = await rig.client.call('novaShowVolumeAttachment', {
      path: { server_id: id, volume_id: vol.id },
    });
    expect(one.volumeAttachment?.serverId).toBe(id);
    await rig.client.call('novaDetachVolume', { path: { server_id: id, volume_id: vol.id } });
    await until(() => rig.sb.state.volumes.get(vol.id)!.status === 'available', 'volume available');
  });

  it('adds and removes a security group and lists the server security groups', async () => {
    const id = await novaServer('sgs');
    const sg = await rig.client.call('novaCreateSecurityGroup', {
      body: { security_group: { name: 'web-sg', description: 'web' } },
    });
    await rig.client.call('novaAddSecurityGroup', {
      path: { server_id: id },
      body: { addSecurityGroup: { name: 'web-sg' } },
    });
    const names = (
      await rig.client.call('novaListServerSecurityGroups', { path: { server_id: id } })
    ).security_groups!.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'web-sg']));
    await rig.client.call('novaRemoveSecurityGroup', {
      path: { server_id: id },
      body: { removeSecurityGroup: { name: 'web-sg' } },
    });
    expect(rig.sb.state.servers.get(id)!.security_groups).not.toContain(sg.security_group!.id);
  });
});

describe('Nova key pairs and server groups', () => {
  it('creates (generated), lists, shows and deletes a key pair, and uses it for a server', async () => {
    const kp = await rig.client.call('novaCreateKeypair', { body: { keypair: { name: 'it-key' } } });
    expect(kp.keypair?.private_key).toMatch(/PRIVATE KEY/);
    const names: string[] = [];
    for await (const k of rig.client.paginate('novaListKeypairs')) names.push(k.keypair!.name!);
    expect(names).toContain('it-key');
    const shown = await rig.client.call('novaShowKeypair', { path: { keypair_name: 'it-key' } });
    expect(shown.keypair?.fingerprint).toBe(kp.keypair?.fingerprint);
    const id = await createServer(rig, { name: 'with-key', key_name: 'it-key' });
    expect(rig.sb.state.servers.get(id)!.key_name).toBe('it-key');
    await rig.client.call('novaDeleteKeypair', { path: { keypair_name: 'it-key' } });
    expect(rig.sb.state.keypairs.has('it-key')).toBe(false);
  });

  it('creates, lists, shows and deletes an anti-affinity server group', async () => {
    const g = await rig.client.call('novaCreateServerGroup', {
      body: { server_group: { name: 'nova-group', policies: ['anti-affinity'] } },
    });
    const gid = g.server_group!.id!;
    const listed = (await rig.client.call('novaListServerGroups')).server_groups!.map((x) => x.id);
    expect(listed).toContain(gid);
    expect(
      (await rig.client.call('novaShowServerGroup', { path: { server_group_id: gid } })).server_group?.name,
    ).toBe('nova-group');
    await rig.client.call('novaDeleteServerGroup', { path: { server_group_id: gid } });
    expect(rig.sb.state.serverGroups.has(gid)).toBe(false);
  });
});

describe('coverage', () => {
  it('got a 2xx answer for every operation this file claims', () => {
    const seen = exercisedInFile();
    expect(CLIENT_SANDBOX_COVERAGE['client-sandbox-nova'].filter((id) => !seen.has(id))).toEqual([]);
  });
});
