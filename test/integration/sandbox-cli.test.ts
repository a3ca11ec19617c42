/**
 * The `npm run sandbox` CLI (spawned with tsx): first stdout line, clean SIGTERM, usage errors;
 * state persistence across restarts and a clear error for a corrupt state file; jobs progressing
 * through INIT/RUNNING to SUCCESS with intermediate server states visible.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../main/sandbox/server';
import { login } from './sandbox-helpers';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'main', 'sandbox', 'cli.ts');

describe('sandbox CLI', () => {
  it('prints the listening line first, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(TSX, [CLI, '--port', '0', '--servers', '4', '--speed', '50'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const first = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout });
      rl.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const info = JSON.parse(first) as Record<string, string>;
    expect(info.event).toBe('listening');
    for (const k of [
      'endpoint',
      'iamEndpoint',
      'region',
      'projectId',
      'domainName',
      'userName',
      'password',
      'ak',
      'sk',
    ])
      expect(typeof info[k]).toBe('string');
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await request(`${info.endpoint}/v3`);
    expect(res.statusCode).toBe(200);
    await res.body.text();
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('exits 2 with a usage message on bad flags', async () => {
    const child = spawn(TSX, [CLI, '--speed', 'fast'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--speed');
    expect(err).toContain('usage:');
  });
});

describe('state file', () => {
  it('survives a restart with the same credentials and servers, and a corrupt file is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
    const file = join(dir, 'state.json');
    const a = await startSandbox({ stateFile: file, servers: 7, speed: 1000 });
    const id = [...a.state.servers.keys()][3]!;
    a.state.servers.get(id)!.tags.kept = 'yes';
    const info = a.info;
    await a.close();
    const b = await startSandbox({ stateFile: file, speed: 1000 });
    expect(b.info.ak).toBe(info.ak);
    expect(b.info.projectId).toBe(info.projectId);
    expect(b.state.servers.size).toBe(7);
    expect(b.state.servers.get(id)!.tags.kept).toBe('yes');
    await b.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
    writeFileSync(file, '{"version":1,"acc');
    await expect(startSandbox({ stateFile: file })).rejects.toThrow(/corrupt/);
  });
});

describe('jobs at high speed', () => {
  it('shows INIT, RUNNING and BUILD phases before SUCCESS and ACTIVE', async () => {
    const sb = await startSandbox({ speed: 20 });
    try {
      const headers = {
        'X-Auth-Token': await login(sb),
        'Content-Type': 'application/json',
      };
      const subnet = [...sb.state.subnets.values()][0]!;
      const image = [...sb.state.images.values()][0]!.id;
      const res = await request(`${sb.info.endpoint}/v1/${sb.info.projectId}/cloudservers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          server: {
            name: 'watch',
            imageRef: image,
            flavorRef: 's6.small.1',
            vpcid: subnet.vpc_id,
            nics: [{ subnet_id: subnet.id }],
            root_volume: { volumetype: 'SSD' },
            adminPass: 'Sandbox#2024x',
          },
        }),
      });
      const created = (await res.body.json()) as { job_id: string; serverIds: string[] };
      const jobStates = new Set<string>();
      const serverStates = new Set<string>();
      for (let i = 0; i < 2000; i++) {
        const j = await request(`${sb.info.endpoint}/v1/${sb.info.projectId}/jobs/${created.job_id}`, {
          headers,
        });
        const job = (await j.body.json()) as { status: string };
        jobStates.add(job.status);
        const s = await request(
          `${sb.info.endpoint}/v1/${sb.info.projectId}/cloudservers/${created.serverIds[0]}`,
          { headers },
        );
        const server = ((await s.body.json()) as { server: Record<string, string> }).server;
        serverStates.add(`${server.status}/${server['OS-EXT-STS:task_state']}`);
        if (job.status === 'SUCCESS') break;
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(jobStates.has('SUCCESS')).toBe(true);
      expect(jobStates.has('RUNNING')).toBe(true);
      expect([...serverStates].some((x) => x.startsWith('BUILD/'))).toBe(true);
      expect(serverStates.has('ACTIVE/')).toBe(true);
    } finally {
      await sb.close();
    }
  });
});
