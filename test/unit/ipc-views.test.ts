/**
 * The wire -> view mappers: real wire shapes (ECS v1 ServerDetail with its string numbers and ""
 * for "none", Nova volumes and interfaces, v1 flavors) become the renderer's view models.
 */
import { describe, expect, it } from 'vitest';
import type { ServerDetail } from '../../shared/ecs/types/servers';
import type { TrackedJob } from '../../main/jobs/types';
import { jobState, jobTitle, jobView } from '../../main/ipc/views/jobs';
import {
  diskView,
  flavorView,
  nicView,
  parseAzStatus,
  primaryPortsOf,
  quotaView,
  serverDiskView,
} from '../../main/ipc/views/resources';
import { parseTagStrings, serverDetailView, serverView } from '../../main/ipc/views/servers';
import { isUnreachable } from '../../main/app-error';
import { listQuery, matchesFilter, pageOfMarker } from '../../main/ipc/handlers/server-list';
import { NetworkError, ApiError } from '../../main/cloud/errors';

const wireServer = {
  id: 'srv-1',
  name: 'web-1',
  description: '',
  status: 'ACTIVE',
  created: '2024-05-01T10:00:00Z',
  updated: '2024-05-01T10:05:00Z',
  addresses: {
    'vpc-1': [
      {
        version: '4',
        addr: '192.168.0.10',
        'OS-EXT-IPS:type': 'fixed',
        'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01',
        'OS-EXT-IPS:port_id': 'port-1',
        primary: true,
      },
      { version: '4', addr: '1.2.3.4', 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS:port_id': 'port-1' },
      { version: '6', addr: 'fd00::2', 'OS-EXT-IPS:port_id': 'port-2' },
    ],
  },
  key_name: '',
  image: { id: 'img-1' },
  flavor: { id: 's6.large.2', name: 's6.large.2', disk: '0', vcpus: '2', ram: '4096' },
  security_groups: [{ name: 'default' }, { name: 'web' }],
  'OS-EXT-AZ:availability_zone': 'az1',
  'OS-EXT-STS:task_state': '',
  'OS-EXT-STS:vm_state': 'active',
  'OS-EXT-STS:power_state': 1,
  metadata: { image_name: 'Ubuntu 22.04', admin_pass: 'should-not-leak', vpc_id: 'vpc-1' },
  'os-extended-volumes:volumes_attached': [{ id: 'vol-1', bootIndex: '0' }, { id: 'vol-2' }],
  'OS-EXT-SRV-ATTR:user_data': 'IyEvYmluL2Jhc2gKZWNobyBzZWNyZXQ=',
  locked: false,
  tags: ['env=prod', 'bare', 'k=v=w'],
} as unknown as ServerDetail;

describe('server views', () => {
  it('maps an ECS v1 server detail, converting string numbers and empty strings', () => {
    const v = serverView(wireServer);
    expect(v).toMatchObject({
      id: 'srv-1',
      status: 'ACTIVE',
      taskState: null,
      vmState: 'active',
      powerState: 1,
      locked: false,
      flavor: { id: 's6.large.2', vcpus: 2, ramMb: 4096 },
      image: { id: 'img-1', name: 'Ubuntu 22.04' },
      availabilityZone: 'az1',
      securityGroups: ['default', 'web'],
      volumeIds: ['vol-1', 'vol-2'],
    });
    expect(v.keyName).toBeUndefined();
    expect(v.description).toBeUndefined();
    expect(v.ips).toEqual([
      {
        address: '192.168.0.10',
        version: 4,
        type: 'fixed',
        network: 'vpc-1',
        mac: 'fa:16:3e:00:00:01',
        portId: 'port-1',
      },
      { address: '1.2.3.4', version: 4, type: 'floating', network: 'vpc-1', portId: 'port-1' },
      { address: 'fd00::2', version: 6, type: 'fixed', network: 'vpc-1', portId: 'port-2' },
    ]);
    expect(v.tags).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'bare', value: '' },
      { key: 'k', value: 'v=w' },
    ]);
  });

  it('keeps user data and the admin password out of the detail view, without touching the input', () => {
    const d = serverDetailView(wireServer);
    const text = JSON.stringify(d);
    expect(text).not.toContain('IyEvYmluL2Jhc2gK');
    expect(text).not.toContain('should-not-leak');
    expect((d.raw as ServerDetail).flavor.vcpus).toBe('2');
    expect(wireServer['OS-EXT-SRV-ATTR:user_data']).toBeDefined();
  });

  it('parses odd tag strings defensively', () => {
    expect(parseTagStrings(undefined)).toEqual([]);
    expect(parseTagStrings(['', 3, '=x'])).toEqual([{ key: '', value: 'x' }]);
  });
});

describe('server list helpers', () => {
  it('turns markers into page numbers and refuses foreign markers', () => {
    expect(pageOfMarker(undefined)).toBe(1);
    expect(pageOfMarker('3')).toBe(3);
    for (const bad of ['0', '-1', 'abc', '1.5', '99999999'])
      expect(() => pageOfMarker(bad)).toThrow(/marker/);
  });

  it('builds the ECS list query from the filter', () => {
    expect(
      listQuery({
        accountId: 'a',
        region: 'r',
        limit: 50,
        marker: '2',
        filter: {
          name: 'web',
          tags: [{ key: 'env', value: 'prod' }, { key: 'x' }],
          notTags: [{ key: 'old' }],
        },
      }),
    ).toEqual({ limit: 50, offset: 2, name: 'web', tags: 'env=prod,x', 'not-tags': 'old' });
  });

  it('filters cached servers like the API would', () => {
    const v = serverView(wireServer);
    expect(matchesFilter(v, { name: 'WEB' })).toBe(true);
    expect(matchesFilter(v, { status: 'shutoff' })).toBe(false);
    expect(matchesFilter(v, { tags: [{ key: 'env', value: 'prod' }] })).toBe(true);
    expect(matchesFilter(v, { tags: [{ key: 'env', value: 'dev' }] })).toBe(false);
    expect(matchesFilter(v, { notTags: [{ key: 'bare' }] })).toBe(false);
    expect(matchesFilter(v, { ip: '192.168' })).toBe(true);
  });

  it('treats only network failures as offline', () => {
    expect(isUnreachable(new NetworkError('refused'))).toBe(true);
    expect(isUnreachable(new ApiError({ status: 500, message: 'boom' }))).toBe(false);
    expect(isUnreachable(new Error('x'))).toBe(false);
  });
});

describe('resource views', () => {
  it('maps Nova volumes and ECS block devices', () => {
    expect(
      diskView({
        id: 'vol-1',
        displayName: 'data',
        status: 'in-use',
        attachments: [{ serverId: 'srv-1', device: '/dev/vdb' }, {}],
        availabilityZone: 'az1',
        createdAt: '2024-05-01T10:00:00.000000',
        displayDescription: null,
        volumeType: 'SSD',
        snapshotId: null,
        metadata: {},
        size: 40,
      }),
    ).toEqual({
      id: 'vol-1',
      name: 'data',
      sizeGb: 40,
      volumeType: 'SSD',
      status: 'in-use',
      availabilityZone: 'az1',
      attachments: [{ serverId: 'srv-1', device: '/dev/vdb' }],
      created: '2024-05-01T10:00:00.000000',
    });
    expect(
      serverDiskView({ serverId: 's', volumeId: 'v', id: 'v', size: 40, device: '/dev/vda', bootIndex: 0 }),
    ).toEqual({
      volumeId: 'v',
      device: '/dev/vda',
      sizeGb: 40,
      bootIndex: 0,
      system: true,
    });
  });

  it('marks the primary NIC from the server addresses', () => {
    const primary = primaryPortsOf(wireServer);
    expect([...primary]).toEqual(['port-1']);
    const nic = nicView(
      'srv-1',
      {
        port_state: 'ACTIVE',
        fixed_ips: [{ subnet_id: 'sub-1', ip_address: '192.168.0.10' }],
        net_id: 'net-1',
        port_id: 'port-1',
        mac_addr: 'm',
      },
      primary,
    );
    expect(nic).toMatchObject({
      primary: true,
      networkId: 'net-1',
      fixedIps: [{ address: '192.168.0.10', subnetId: 'sub-1' }],
    });
  });

  it('reads the flavor sale status per region and AZ', () => {
    expect(parseAzStatus('az0(normal), az1(sellout),bad, az2( obt )')).toEqual({
      az0: 'normal',
      az1: 'sellout',
      az2: 'obt',
    });
    const f = flavorView({
      id: 'c6.large.2',
      name: 'c6.large.2',
      vcpus: '2',
      ram: 4096,
      os_extra_specs: { 'cond:operation:az': 'az1(sellout)', 'ecs:performancetype': 'computingv3' },
    } as never);
    expect(f).toMatchObject({
      vcpus: 2,
      ramMb: 4096,
      status: 'normal',
      azStatus: { az1: 'sellout' },
      performanceType: 'computingv3',
    });
  });

  it('reads both spellings of the limits keys', () => {
    const q = quotaView({
      maxTotalInstances: 10,
      totalInstancesUsed: 3,
      maxTotalKeyPairs: 100,
      maxServerMetadata: 10,
    } as never);
    expect(q.items).toEqual([
      { resource: 'instances', used: 3, limit: 10 },
      { resource: 'keypairs', used: 0, limit: 100 },
      { resource: 'serverMetadata', used: 0, limit: 10 },
    ]);
  });
});

describe('job views', () => {
  const base: TrackedJob = {
    id: 'j1',
    accountId: 'sandbox',
    region: 'sandbox-1',
    operation: 'batchStopServers',
    targets: [{ id: 'a' }, { id: 'b' }],
    wait: { kind: 'ecsJob', jobId: 'cloud-1' },
    createdAt: Date.UTC(2024, 4, 1),
    status: 'failed',
    subJobs: [
      { serverId: 'a', status: 'SUCCESS' },
      { serverId: 'b', status: 'FAIL', errorCode: 'Ecs.0100', failReason: 'bad state' },
    ],
    retryable: true,
    input: { body: { secret: 'no' } },
    polls: 3,
    finishedAt: Date.UTC(2024, 4, 1, 0, 1),
  };

  it('calls a batch with some failures partial and keeps per-server errors', () => {
    const v = jobView(base);
    expect(v.state).toBe('partial');
    expect(v.title).toBe('Stop 2 servers');
    expect(v.cloudJobId).toBe('cloud-1');
    expect(v.finishedAt).toBe('2024-05-01T00:01:00.000Z');
    expect(v.retryable).toBe(true);
    expect(v.subJobs[1]).toMatchObject({
      targetId: 'b',
      status: 'failed',
      error: { apiCode: 'Ecs.0100', message: 'bad state' },
    });
    expect(JSON.stringify(v)).not.toContain('"input"');
  });

  it('names states and titles for other shapes', () => {
    expect(jobState({ status: 'failed', subJobs: [] })).toBe('failed');
    expect(jobState({ status: 'unknown', subJobs: [] })).toBe('failed');
    expect(jobState({ status: 'running', subJobs: [] })).toBe('running');
    expect(jobTitle({ operation: 'novaRebootServer', targets: [{ id: 'x', name: 'web-1' }] })).toBe(
      'Reboot web-1',
    );
    expect(jobTitle({ operation: 'createServers', targets: [] })).toBe('Create servers');
    expect(jobView({ ...base, status: 'running', finishedAt: undefined } as TrackedJob).retryable).toBe(
      false,
    );
  });
});
