/**
 * The multi-scope Sandbox from the command line and across restarts: `--accounts/--regions` print
 * today's keys for the first account and region plus every scope; bad counts are refused with the
 * usage; a state file keeps every scope (projects, keys, servers) across a restart.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../main/sandbox/server';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'main', 'sandbox', 'cli.ts');

describe('sandbox CLI with scopes', () => {
  it('prints the first scope with the usual keys, then every account x region in scopes', async () => {
    const child = spawn(TSX, [CLI, '--regions', '3', '--accounts', '2', '--servers', '12'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    );
    const info = JSON.parse(line) as Record<string, unknown> & { scopes: Record<string, unknown>[] };
    expect(info).toMatchObject({ event: 'listening', region: 'sandbox-1', domainName: 'sandbox-domain' });
    expect(info.scopes).toHaveLength(6);
    expect(info.scopes[0]).toMatchObject({
      account: 1,
      region: 'sandbox-1',
      ak: info.ak,
      projectId: info.projectId,
    });
    expect(info.scopes.map((s) => `${s.account}/${s.region}`)).toEqual([
      '1/sandbox-1',
      '1/sandbox-2',
      '1/sandbox-3',
      '2/sandbox-1',
      '2/sandbox-2',
      '2/sandbox-3',
    ]);
    expect(new Set(info.scopes.map((s) => s.endpoint)).size).toBe(3);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  }, 60_000);

  it('refuses a count of 0 or over 50 with the usage and exit code 2', async () => {
    for (const args of [
      ['--regions', '0'],
      ['--accounts', '51'],
      ['--regions', 'two'],
    ]) {
      const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(err).toMatch(new RegExp(`${args[0]} needs a count 1-50`));
      expect(err).toMatch(/--regions N\] \[--accounts M\]/);
    }
  }, 90_000);

  it('keeps every scope across a restart with a state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-scopes-')), 'state.json');
    const first = await startSandbox({ stateFile: file, accounts: 2, regions: 2, servers: 8, speed: 100 });
    const before = first.info.scopes!.map(({ projectId, ak, sk, password, region }) => ({
      projectId,
      ak,
      sk,
      password,
      region,
    }));
    const servers = first.runtimes.map((r) => [...r.state.servers.keys()].sort());
    await first.close();
    const again = await startSandbox({ stateFile: file, accounts: 2, regions: 2, speed: 100 });
    try {
      expect(
        again.info.scopes!.map(({ projectId, ak, sk, password, region }) => ({
          projectId,
          ak,
          sk,
          password,
          region,
        })),
      ).toEqual(before);
      expect(again.runtimes.map((r) => [...r.state.servers.keys()].sort())).toEqual(servers);
    } finally {
      await again.close();
    }
  });
});
