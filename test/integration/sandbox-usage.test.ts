/**
 * The Sandbox keeps usage incrementally (main/sandbox/usage.ts): after random sequences of
 * creates, deletes, resizes (ECS auto-confirm, Nova confirm and revert), volumes, key pairs,
 * server groups, floating IPs and security groups, with job failures injected, the running totals
 * equal a full recount of the records, and both limits APIs report them.
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';
import type { SandboxState } from '../../main/sandbox/state';
import { Prng } from '../helpers/prng';
import { login, type Any } from './sandbox-helpers';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/** The oracle: usage counted from scratch over every record (what the Sandbox did per call before). */
function recount(st: SandboxState): Record<string, number> {
  let instances = 0;
  let cores = 0;
  let ram = 0;
  for (const s of st.servers.values()) {
    if (s.vm_state === 'deleted') continue;
    instances++;
    const f = st.flavors.get(s.flavor_id);
    cores += f?.vcpus ?? 0;
    ram += f?.ram ?? 0;
  }
  let gigabytes = 0;
  for (const v of st.volumes.values()) gigabytes += v.size;
  return {
    instances,
    cores,
    ram,
    keyPairs: st.keypairs.size,
    serverGroups: st.serverGroups.size,
    securityGroups: st.securityGroups.size,
    floatingIps: st.floatingIps.size,
    volumes: st.volumes.size,
    gigabytes,
  };
}

describe('incremental usage equals a full recount', () => {
  for (const seed of [11, 12, 13]) {
    it(`after 150 random operations with job failures (seed ${seed})`, async () => {
      const prng = new Prng(seed);
      const rnd = (): number => prng.next();
      sb = await startSandbox({ speed: 30_000, servers: 4, faults: { jobFailureRate: 0.2 } });
      const s = sb;
      const token = await login(s);
      const pid = s.info.projectId;
      const image = [...s.state.images.values()].find((i) => i.status === 'active')!.id;
      const subnet = [...s.state.subnets.values()][0]!;
      const flavors = ['s6.small.1', 's6.medium.2', 's6.large.2', 's6.xlarge.2'];
      const call = async (
        method: string,
        path: string,
        body?: unknown,
      ): Promise<{ status: number; json: Any }> => {
        const res = await request(s.info.endpoint + path, {
          method: method as 'POST',
          headers: {
            'X-Auth-Token': token,
            'Content-Type': 'application/json',
            'X-OpenStack-Nova-API-Version': '2.26',
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.body.text();
        return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
      };
      const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      /** Synchronous: the running totals against the recount, between two scheduler steps. */
      const check = (): void => {
        expect(s.state.usage()).toEqual(recount(s.state));
      };
      /** Over HTTP, once every job has finished (a step could otherwise land while a GET is in flight). */
      const checkLimits = async (): Promise<void> => {
        await s.runtime.scheduler.idle();
        const expected = recount(s.state);
        expect(s.state.usage()).toEqual(expected);
        const ecs = (await call('GET', `/v1/${pid}/cloudservers/limits`)).json.absolute;
        expect([
          ecs.totalInstancesUsed,
          ecs.totalCoresUsed,
          ecs.totalRAMUsed,
          ecs.totalServerGroupsUsed,
        ]).toEqual([expected.instances, expected.cores, expected.ram, expected.serverGroups]);
        const nova = (await call('GET', `/v2.1/${pid}/limits`)).json.limits.absolute;
        expect([nova.totalInstancesUsed, nova.totalCoresUsed, nova.totalFloatingIpsUsed]).toEqual([
          expected.instances,
          expected.cores,
          expected.floatingIps,
        ]);
      };
      const accepted = new Map<string, number>();
      for (let step = 0; step < 150; step++) {
        const ids = [...s.state.servers.keys()];
        const id = ids.length > 0 ? pick(ids) : 'none';
        const op = pick([
          'ecsCreate',
          'ecsCreate',
          'novaCreate',
          'ecsDelete',
          'novaDelete',
          'ecsResize',
          'novaResize',
          'novaResize',
          'confirm',
          'revert',
          'volume',
          'volumeDelete',
          'keypair',
          'keypairDelete',
          'group',
          'groupDelete',
          'fip',
          'fipDelete',
          'sg',
          'sgDelete',
        ] as const);
        let res: { status: number } = { status: 0 };
        switch (op) {
          case 'ecsCreate':
            res = await call('POST', `/v1/${pid}/cloudservers`, {
              server: {
                name: `u${step}`,
                imageRef: image,
                flavorRef: pick(flavors),
                vpcid: subnet.vpc_id,
                nics: [{ subnet_id: subnet.id }],
                root_volume: { volumetype: 'SSD' },
                data_volumes: rnd() < 0.5 ? [{ volumetype: 'SATA', size: 10 + Math.floor(rnd() * 50) }] : [],
                adminPass: 'Sandbox#2024x',
                count: 1 + Math.floor(rnd() * 3),
              },
            });
            break;
          case 'novaCreate':
            res = await call('POST', `/v2.1/${pid}/servers`, {
              server: {
                name: `n${step}`,
                imageRef: image,
                flavorRef: pick(flavors),
                networks: [{ uuid: subnet.id }],
              },
            });
            break;
          case 'ecsDelete':
            res = await call('POST', `/v1/${pid}/cloudservers/delete`, {
              servers: [{ id }],
              delete_volume: rnd() < 0.5,
            });
            break;
          case 'novaDelete':
            res = await call('DELETE', `/v2.1/${pid}/servers/${id}`);
            break;
          case 'ecsResize':
            res = await call('POST', `/v1/${pid}/cloudservers/${id}/resize`, {
              resize: { flavorRef: pick(flavors) },
            });
            break;
          case 'novaResize':
            res = await call('POST', `/v2.1/${pid}/servers/${id}/action`, {
              resize: { flavorRef: pick(flavors) },
            });
            break;
          case 'confirm':
            res = await call('POST', `/v2.1/${pid}/servers/${id}/action`, { confirmResize: null });
            break;
          case 'revert':
            res = await call('POST', `/v2.1/${pid}/servers/${id}/action`, { revertResize: null });
            break;
          case 'volume':
            res = await call('POST', `/v2.1/${pid}/os-volumes`, {
              volume: { size: 1 + Math.floor(rnd() * 100), availability_zone: s.state.availabilityZones[0] },
            });
            break;
          case 'volumeDelete': {
            const vol = [...s.state.volumes.values()].find((v) => v.status === 'available');
            res = await call('DELETE', `/v2.1/${pid}/os-volumes/${vol?.id ?? 'none'}`);
            break;
          }
          case 'keypair':
            res = await call('POST', `/v2.1/${pid}/os-keypairs`, { keypair: { name: `kp-${step}` } });
            break;
          case 'keypairDelete':
            res = await call(
              'DELETE',
              `/v2.1/${pid}/os-keypairs/${[...s.state.keypairs.keys()][0] ?? 'none'}`,
            );
            break;
          case 'group':
            res = await call('POST', `/v2.1/${pid}/os-server-groups`, {
              server_group: { name: `g${step}`, policies: ['anti-affinity'] },
            });
            break;
          case 'groupDelete':
            res = await call(
              'DELETE',
              `/v2.1/${pid}/os-server-groups/${[...s.state.serverGroups.keys()][0] ?? 'none'}`,
            );
            break;
          case 'fip':
            res = await call('POST', `/v2.1/${pid}/os-floating-ips`, {});
            break;
          case 'fipDelete':
            res = await call(
              'DELETE',
              `/v2.1/${pid}/os-floating-ips/${[...s.state.floatingIps.keys()][0] ?? 'none'}`,
            );
            break;
          case 'sg':
            res = await call('POST', `/v2.1/${pid}/os-security-groups`, {
              security_group: { name: `sg${step}`, description: 'usage test' },
            });
            break;
          case 'sgDelete':
            res = await call(
              'DELETE',
              `/v2.1/${pid}/os-security-groups/${[...s.state.securityGroups.keys()].at(-1) ?? 'none'}`,
            );
            break;
        }
        if (res.status < 300) accepted.set(op, (accepted.get(op) ?? 0) + 1);
        check();
        if (step % 30 === 29) await checkLimits();
        if (rnd() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rnd() * 6)));
      }
      await checkLimits();
      // The run changed usage in every way it can change: creates, deletes and resizes went through.
      for (const op of ['ecsCreate', 'novaCreate', 'ecsDelete', 'volume', 'keypair', 'group', 'fip', 'sg'])
        expect(accepted.get(op) ?? 0, `${op} accepted`).toBeGreaterThan(0);
      expect((accepted.get('ecsResize') ?? 0) + (accepted.get('novaResize') ?? 0)).toBeGreaterThan(0);
    });
  }

  it('counts a Nova resize on confirm, and its revert, exactly', async () => {
    sb = await startSandbox({ speed: 3000, servers: 1 });
    const s = sb;
    const server = [...s.state.servers.values()][0]!;
    const before = s.state.usage();
    const from = s.state.flavors.get(server.flavor_id)!;
    const to = [...s.state.flavors.values()].find((f) => f.vcpus !== from.vcpus && f.ram !== from.ram)!;
    server.flavor_id = to.id;
    s.state.servers.reweigh(server.id);
    expect(s.state.usage().cores - before.cores).toBe(to.vcpus - from.vcpus);
    expect(s.state.usage().ram - before.ram).toBe(to.ram - from.ram);
    server.flavor_id = from.id;
    s.state.servers.reweigh(server.id);
    expect(s.state.usage()).toEqual(before);
    s.state.servers.delete(server.id);
    expect(s.state.usage()).toEqual(recount(s.state));
    expect(s.state.usage().instances).toBe(before.instances - 1);
  });
});
