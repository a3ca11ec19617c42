/**
 * Properties of the sandbox under random sequences of operations (seeded, with job failures
 * injected): every server's vm_state/task_state pair is one Table A-4 lists and its status is the
 * table's; usage never exceeds quotas and is never negative; failed jobs leave no half-created
 * resources (no orphan ports or attachments, no server of a failed create).
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';
import { isAllowedPair, statusOf } from '../../main/sandbox/status';
import { login } from './sandbox-helpers';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const warnings: string[] = [];
const onWarning = (w: Error): void => {
  warnings.push(w.message);
};
process.on('warning', onWarning);

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

function checkInvariants(s: Sandbox): void {
  const st = s.state;
  for (const srv of st.servers.values()) {
    expect(isAllowedPair(srv.vm_state, srv.task_state), `${srv.vm_state}/${srv.task_state}`).toBe(true);
    expect(srv.status).toBe(statusOf(srv.vm_state, srv.task_state));
    for (const p of srv.ports) expect(st.ports.get(p)?.device_id).toBe(srv.id);
  }
  for (const p of st.ports.values()) expect(st.servers.has(p.device_id), `orphan port ${p.id}`).toBe(true);
  for (const v of st.volumes.values())
    for (const a of v.attachments)
      expect(st.servers.has(a.server_id), `orphan attachment ${v.id}`).toBe(true);
  const u = st.usage();
  const q = st.quotas;
  for (const n of Object.values(u)) expect(n).toBeGreaterThanOrEqual(0);
  expect(u.instances).toBeLessThanOrEqual(q.instances);
  expect(u.cores).toBeLessThanOrEqual(q.cores);
  expect(u.ram).toBeLessThanOrEqual(q.ram);
  expect(u.serverGroups).toBeLessThanOrEqual(q.server_groups);
  for (const job of st.jobs.values()) {
    if (job.job_type !== 'createServer') continue;
    for (const sub of job.entities.sub_jobs ?? [])
      if (sub.status === 'FAIL')
        expect(st.servers.has(sub.entities.server_id ?? ''), 'a failed create left its server').toBe(false);
  }
}

describe('random operation sequences', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`keep Table A-4 pairs, quotas and rollbacks consistent (seed ${seed})`, async () => {
      const rnd = mulberry32(seed);
      sb = await startSandbox({
        speed: 3000,
        servers: 3,
        faults: { jobFailureRate: 0.25 },
        random: mulberry32(seed * 7919),
      });
      const s = sb;
      s.state.quotas.instances = 8;
      s.state.quotas.cores = 14;
      const token = await login(s);
      const pid = s.info.projectId;
      const image = [...s.state.images.values()].find((i) => i.status === 'active')!.id;
      const subnet = [...s.state.subnets.values()][0]!;
      const flavors = ['s6.small.1', 's6.medium.2', 's6.large.2', 's6.xlarge.2'];
      const call = async (method: string, path: string, body?: unknown): Promise<number> => {
        const res = await request(s.info.endpoint + path, {
          method: method as 'POST',
          headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        await res.body.text();
        return res.statusCode;
      };
      const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const statuses = new Map<number, number>();
      for (let step = 0; step < 120; step++) {
        const ids = [...s.state.servers.keys()];
        const id = ids.length > 0 ? pick(ids) : 'none';
        const op = Math.floor(rnd() * 11);
        let status = 0;
        switch (op) {
          case 0:
            status = await call('POST', `/v1/${pid}/cloudservers`, {
              server: {
                name: `p${step}`,
                imageRef: image,
                flavorRef: pick(flavors),
                vpcid: subnet.vpc_id,
                nics: [{ subnet_id: subnet.id }],
                root_volume: { volumetype: 'SSD' },
                adminPass: 'Sandbox#2024x',
                count: 1 + Math.floor(rnd() * 3),
              },
            });
            break;
          case 1:
            status = await call('POST', `/v1/${pid}/cloudservers/delete`, { servers: [{ id }] });
            break;
          case 2:
            status = await call('POST', `/v1/${pid}/cloudservers/action`, {
              'os-stop': { servers: [{ id }] },
            });
            break;
          case 3:
            status = await call('POST', `/v1/${pid}/cloudservers/action`, {
              'os-start': { servers: [{ id }] },
            });
            break;
          case 4:
            status = await call('POST', `/v1/${pid}/cloudservers/action`, {
              reboot: { type: pick(['SOFT', 'HARD']), servers: [{ id }] },
            });
            break;
          case 5:
            status = await call('POST', `/v1/${pid}/cloudservers/${id}/resize`, {
              resize: { flavorRef: pick(flavors) },
            });
            break;
          case 6:
            status = await call('POST', `/v2/${pid}/cloudservers/${id}/reinstallos`, {
              'os-reinstall': { adminpass: 'Sandbox#2024y' },
            });
            break;
          case 7: {
            const vol = [...s.state.volumes.values()].find((v) => v.status === 'available');
            status = await call('POST', `/v1/${pid}/cloudservers/${id}/attachvolume`, {
              volumeAttachment: { volumeId: vol?.id ?? 'none' },
            });
            break;
          }
          case 8: {
            const srv = s.state.servers.get(id);
            const vid = srv?.volumes[srv.volumes.length - 1] ?? 'none';
            status = await call('DELETE', `/v1/${pid}/cloudservers/${id}/detachvolume/${vid}`);
            break;
          }
          case 9:
            status = await call('POST', `/v1/${pid}/cloudservers/${id}/nics`, {
              nics: [{ subnet_id: subnet.id }],
            });
            break;
          default: {
            const srv = s.state.servers.get(id);
            if (srv) srv.locked = !srv.locked;
          }
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        checkInvariants(s);
        if (rnd() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rnd() * 4)));
      }
      await s.runtime.scheduler.idle();
      checkInvariants(s);
      // The run exercised both accepted and refused operations.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(5);
      expect([...statuses.keys()].some((k) => k >= 400)).toBe(true);
      // Injected failures happened, so the rollback checks above were exercised.
      expect([...s.state.jobs.values()].some((j) => j.status === 'FAIL')).toBe(true);
      expect(warnings.filter((w) => w.includes('sandbox'))).toEqual([]);
    });
  }
});
