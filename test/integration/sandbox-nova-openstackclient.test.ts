/**
 * A real OpenStack client against the sandbox: Debian's `python3-openstackclient`
 * (`apt-get install -y python3-openstackclient`) logs in through the sandbox's IAM with a user
 * name and password and lists servers through Nova.
 *
 * Configuration, all through the standard OS_* environment variables:
 * - OS_AUTH_URL = `<iamEndpoint>/v3`, OS_IDENTITY_API_VERSION = 3 (keystoneauth reads GET /v3 first)
 * - OS_USERNAME / OS_PASSWORD / OS_USER_DOMAIN_NAME = the sandbox account's user, password, domain
 * - OS_PROJECT_NAME = the region's project, OS_PROJECT_DOMAIN_ID = `default` (accepted by the IAM)
 * - OS_REGION_NAME = the sandbox region, OS_INTERFACE = public (the catalog's compute endpoint,
 *   `<endpoint>/v2.1/<project_id>`)
 * The client runs as a child process with `execFile` (async): the sandbox lives in this process, so
 * a synchronous spawn would block its event loop and deadlock.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

const run = promisify(execFile);
let sb: Sandbox;

function env(password: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: mkdtempSync(join(tmpdir(), 'osc-home-')),
    OS_AUTH_URL: `${sb.info.iamEndpoint}/v3`,
    OS_IDENTITY_API_VERSION: '3',
    OS_USERNAME: sb.info.userName,
    OS_PASSWORD: password,
    OS_USER_DOMAIN_NAME: sb.info.domainName,
    OS_PROJECT_NAME: sb.state.account.projects[0]!.name,
    OS_PROJECT_DOMAIN_ID: 'default',
    OS_REGION_NAME: sb.info.region,
    OS_INTERFACE: 'public',
  };
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 1000, servers: 3 });
});

afterAll(async () => {
  await sb.close();
});

describe('python3-openstackclient against the sandbox', () => {
  it('is installed (apt-get install -y python3-openstackclient)', () => {
    expect(existsSync('/usr/bin/openstack')).toBe(true);
  });

  it('logs in with a user name and password and lists the seeded servers', async () => {
    const { stdout } = await run('openstack', ['server', 'list', '-f', 'json'], {
      env: env(sb.info.password),
      timeout: 60_000,
    });
    const rows = JSON.parse(stdout) as { ID: string; Name: string; Status: string }[];
    const ids = [...sb.state.servers.keys()].sort();
    expect(rows.map((r) => r.ID).sort()).toEqual(ids);
    expect(rows.every((r) => r.Status === 'ACTIVE')).toBe(true);
  }, 60_000);

  it('fails to log in with a wrong password', async () => {
    await expect(
      run('openstack', ['server', 'list', '-f', 'json'], { env: env('wrong-password'), timeout: 60_000 }),
    ).rejects.toMatchObject({
      code: 1,
    });
  }, 60_000);
});
