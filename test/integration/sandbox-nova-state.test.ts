/**
 * What the Nova handlers remember about a server lives on the server record, so two sandboxes in
 * one process keep their own, and a sandbox restarted from its state file answers as before: the
 * encrypted password of a Windows server (§6.11.5) and the vm_state a resize started from, which
 * confirmResize returns to (§6.3.8).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

const open: Sandbox[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});

async function start(stateFile?: string): Promise<Sandbox> {
  const sb = await startSandbox({ port: 0, speed: 200, ...(stateFile !== undefined ? { stateFile } : {}) });
  open.push(sb);
  return sb;
}

async function call(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(`${sb.info.endpoint}/v2.1/${sb.info.projectId}${path}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = signRequest(
    {
      method,
      url,
      headers: { 'Content-Type': 'application/json' },
      ...(payload !== undefined ? { body: payload } : {}),
    },
    { ak: sb.info.ak, sk: sb.info.sk },
  );
  const res = await fetch(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

async function until(sb: Sandbox, id: string, status: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const s = (await call(sb, 'GET', `/servers/${id}`)).body.server as { status: string };
    if (s.status === status) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`server ${id} never reached ${status}`);
}

/** Creates a server from the first image whose name starts with `imagePrefix`; waits for ACTIVE. */
async function newServer(sb: Sandbox, name: string, imagePrefix: string): Promise<string> {
  const image = [...sb.state.images.values()].find((i) => i.name.startsWith(imagePrefix))!.id;
  const subnet = [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!.id;
  const r = await call(sb, 'POST', '/servers', {
    server: { name, flavorRef: 's6.small.1', imageRef: image, networks: [{ uuid: subnet }] },
  });
  expect(r.status).toBe(202);
  const id = (r.body.server as { id: string }).id;
  await until(sb, id, 'ACTIVE');
  return id;
}

async function password(sb: Sandbox, id: string): Promise<string> {
  return ((await call(sb, 'GET', `/servers/${id}/os-server-password`)).body as { password: string }).password;
}

describe('Nova server state', () => {
  it("keeps a Windows server's password in its own sandbox until os-server-password deletes it", async () => {
    const a = await start();
    const b = await start();
    const win = await newServer(a, 'win-1', 'Windows');
    const linux = await newServer(b, 'linux-1', 'Ubuntu');
    expect(await password(a, win)).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await password(b, linux)).toBe('');
    expect((await call(b, 'GET', `/servers/${win}/os-server-password`)).status).toBe(404);
    expect((await call(a, 'DELETE', `/servers/${win}/os-server-password`)).status).toBe(204);
    expect(await password(a, win)).toBe('');
  });

  it('restarted from its state file, keeps the password and confirms a resize back to SHUTOFF', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'sb-nova-state-')), 'state.json');
    const first = await start(stateFile);
    const win = await newServer(first, 'win-2', 'Windows');
    const before = await password(first, win);
    expect((await call(first, 'POST', `/servers/${win}/action`, { 'os-stop': null })).status).toBe(202);
    await until(first, win, 'SHUTOFF');
    const resize = await call(first, 'POST', `/servers/${win}/action`, {
      resize: { flavorRef: 's6.medium.2' },
    });
    expect(resize.status).toBe(202);
    await until(first, win, 'VERIFY_RESIZE');
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await start(stateFile);
    expect(await password(second, win)).toBe(before);
    expect((await call(second, 'POST', `/servers/${win}/action`, { confirmResize: null })).status).toBe(204);
    const s = (await call(second, 'GET', `/servers/${win}`)).body.server as Record<string, unknown>;
    expect(s.status).toBe('SHUTOFF');
    expect(s.flavor).toMatchObject({ id: 's6.medium.2' });
  });
});
