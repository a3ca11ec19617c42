/**
 * Our CloudClient against the simulator over HTTP: the §11 discarded Nova APIs (images, security
 * groups and rules, volumes, floating IPs, snapshots), IAM (token, projects) and VPC v1 reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SANDBOX_COVERAGE } from '../helpers/client-sandbox-coverage';
import {
  exercisedInFile,
  startClientRig,
  until,
  untilStatus,
  type ClientRig,
} from '../helpers/client-sandbox';

let rig: ClientRig;

beforeAll(async () => {
  rig = await startClientRig({ servers: 1 });
});
afterAll(async () => {
  await rig.close();
});

async function novaServer(name: string): Promise<string> {
  const res = (await rig.client.call('novaCreateServer', {
    body: {
      server: { name, flavorRef: 's6.small.1', imageRef: rig.imageId(), networks: [{ uuid: rig.subnetId }] },
    } as never,
  })) as { server?: { id?: string } };
  const id = res.server!.id!;
  await untilStatus(rig, id, 'ACTIVE');
  return id;
}

describe('§11 images', () => {
  it('lists (brief and detail with paging), shows, reads metadata and deletes a private image', async () => {
    const names: string[] = [];
    for await (const img of rig.client.paginate('novaListImages')) names.push(img.name!);
    expect(names).toEqual(expect.arrayContaining(['Ubuntu 22.04 server 64bit', 'CentOS 7.9 64bit']));
    const detail = (await rig.client.call('novaListImagesDetail', { query: { status: 'ACTIVE' } })).images!;
    expect(detail.every((i) => i.status === 'ACTIVE')).toBe(true);
    const ubuntu = rig.imageId();
    expect((await rig.client.call('novaShowImage', { path: { image_id: ubuntu } })).image?.id).toBe(ubuntu);
    const md = await rig.client.call('novaShowImageMetadata', { path: { image_id: ubuntu } });
    expect(md.metadata?.__os_type).toBe('Linux');

    const id = await novaServer('imaged');
    const created = await rig.client.call(
      'novaCreateImage',
      { path: { server_id: id }, body: { createImage: { name: 'private-img' } } },
      { headers: { 'X-OpenStack-Nova-API-Version': '2.45', 'OpenStack-API-Version': 'compute 2.45' } },
    );
    const imageId = created!.image_id!;
    await rig.client.call('novaDeleteImage', { path: { image_id: imageId } });
    const left = rig.sb.state.images.get(imageId);
    expect(left === undefined || left.status === 'deleted').toBe(true);
  });
});

describe('§11 security groups', () => {
  it('creates, updates, shows, adds and removes a rule, lists and deletes a group', async () => {
    const sg = await rig.client.call('novaCreateSecurityGroup', {
      body: { security_group: { name: 'legacy', description: 'old' } },
    });
    const sgId = sg.security_group!.id!;
    const upd = await rig.client.call('novaUpdateSecurityGroup', {
      path: { security_group_id: sgId },
      body: { security_group: { name: 'legacy', description: 'new' } },
    });
    expect(upd.security_group?.description).toBe('new');
    const rule = await rig.client.call('novaCreateSecurityGroupRule', {
      body: {
        security_group_rule: {
          parent_group_id: sgId,
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr: '0.0.0.0/0',
        },
      },
    });
    const ruleId = rule.security_group_rule!.id!;
    const shown = await rig.client.call('novaShowSecurityGroup', { path: { security_group_id: sgId } });
    expect(shown.security_group?.rules?.map((r) => r.id)).toEqual([ruleId]);
    await rig.client.call('novaDeleteSecurityGroupRule', { path: { security_group_rule_id: ruleId } });
    expect(
      (await rig.client.call('novaShowSecurityGroup', { path: { security_group_id: sgId } })).security_group
        ?.rules,
    ).toEqual([]);
    const all = (await rig.client.call('novaListSecurityGroups')).security_groups!.map((g) => g.id);
    expect(all).toContain(sgId);
    await rig.client.call('novaDeleteSecurityGroup', { path: { security_group_id: sgId } });
    expect(rig.sb.state.securityGroups.has(sgId)).toBe(false);
  });
});

describe('§11 volumes and snapshots', () => {
  it('creates a volume, lists, shows, snapshots it, deletes the snapshot and the volume', async () => {
    const v = await rig.client.call('novaCreateVolume', {
      body: { volume: { size: 10, availability_zone: 'sandbox-1a', display_name: 'legacy-vol' } },
    });
    const volId = v.volume!.id!;
    await until(() => rig.sb.state.volumes.get(volId)?.status === 'available', 'volume available');
    expect((await rig.client.call('novaListVolumes')).volumes!.map((x) => x.id)).toContain(volId);
    expect((await rig.client.call('novaListVolumesDetail')).volumes!.map((x) => x.id)).toContain(volId);
    expect((await rig.client.call('novaShowVolume', { path: { volume_id: volId } })).volume?.size).toBe(10);
    const snap = await rig.client.call('novaCreateSnapshot', {
      body: { snapshot: { volume_id: volId, display_name: 'snap-1' } },
    });
    const snapId = snap.snapshot!.id!;
    expect(
      (await rig.client.call('novaShowSnapshot', { path: { snapshot_id: snapId } })).snapshot?.volumeId,
    ).toBe(volId);
    await rig.client.call('novaDeleteSnapshot', { path: { snapshot_id: snapId } });
    await until(() => !rig.sb.state.snapshots.has(snapId), 'snapshot deleted');
    await rig.client.call('novaDeleteVolume', { path: { volume_id: volId } });
    await until(() => !rig.sb.state.volumes.has(volId), 'volume deleted');
  });
});

describe('§11 floating IPs', () => {
  it('creates one from the listed pool, binds it to a server and back, shows, lists and deletes it', async () => {
    const pool = (await rig.client.call('novaListFloatingIpPools')).floating_ip_pools![0]!.name!;
    const fip = await rig.client.call('novaCreateFloatingIp', { body: { pool } });
    const { id: fipId, ip } = fip.floating_ip! as { id: string; ip: string };
    const server = await novaServer('fip');
    await rig.client.call('novaAddFloatingIp', {
      path: { server_id: server },
      body: { addFloatingIp: { address: ip } },
    });
    const shown = await rig.client.call('novaShowFloatingIp', { path: { floating_ip_id: fipId } });
    expect(shown.floating_ip?.instance_id).toBe(server);
    await rig.client.call('novaRemoveFloatingIp', {
      path: { server_id: server },
      body: { removeFloatingIp: { address: ip } },
    });
    expect(
      (await rig.client.call('novaListFloatingIps')).floating_ips!.find((f) => f.id === fipId)?.instance_id,
    ).toBeNull();
    await rig.client.call('novaDeleteFloatingIp', { path: { floating_ip_id: fipId } });
    expect(rig.sb.state.floatingIps.has(fipId)).toBe(false);
  });
});

describe('IAM', () => {
  it('issues a project-scoped token in X-Subject-Token and lists the projects', async () => {
    const res = await rig.client.callRaw('iamCreateToken', {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {
                name: rig.sb.info.userName,
                password: rig.sb.info.password,
                domain: { name: rig.sb.info.domainName },
              },
            },
          },
          scope: { project: { name: rig.sb.info.region } },
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers['x-subject-token']).toEqual(expect.any(String));
    expect(res.body.token?.project?.id).toBe(rig.sb.info.projectId);
    const byName = await rig.client.call('iamListProjects', { query: { name: rig.sb.info.region } });
    expect(byName.projects!.map((p) => p.id)).toEqual([rig.sb.info.projectId]);
    const mine = (await rig.client.call('iamListAuthProjects')).projects!.map((p) => p.id);
    expect(mine).toContain(rig.sb.info.projectId);
  });
});

describe('VPC v1', () => {
  it('lists and shows VPCs, subnets and security groups, paging by marker', async () => {
    const vpcs: string[] = [];
    for await (const v of rig.client.paginate('vpcListVpcs', { query: { limit: 1 } })) vpcs.push(v.id!);
    expect(vpcs).toEqual([...rig.sb.state.vpcs.keys()]);
    expect((await rig.client.call('vpcShowVpc', { path: { vpc_id: rig.vpcId } })).vpc?.cidr).toBe(
      '192.168.0.0/16',
    );
    const subnets: string[] = [];
    for await (const s of rig.client.paginate('vpcListSubnets', { query: { limit: 1, vpc_id: rig.vpcId } }))
      subnets.push(s.id!);
    expect(subnets.sort()).toEqual([...rig.sb.state.subnets.keys()].sort());
    expect((await rig.client.call('vpcShowSubnet', { path: { subnet_id: rig.subnetId } })).subnet?.id).toBe(
      rig.subnetId,
    );
    const sgs: string[] = [];
    for await (const g of rig.client.paginate('vpcListSecurityGroups', { query: { limit: 1 } }))
      sgs.push(g.id!);
    expect(sgs.sort()).toEqual([...rig.sb.state.securityGroups.keys()].sort());
    const sg = await rig.client.call('vpcShowSecurityGroup', { path: { security_group_id: sgs[0]! } });
    expect(sg.security_group?.id).toBe(sgs[0]);
  });
});

describe('coverage', () => {
  it('got a 2xx answer for every operation this file claims', () => {
    const seen = exercisedInFile();
    expect(CLIENT_SANDBOX_COVERAGE['client-sandbox-discarded'].filter((id) => !seen.has(id))).toEqual([]);
  });
});
