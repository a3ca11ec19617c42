/**
 * The harness bridge refuses DNS-rebinding and cross-origin requests even when they carry the
 * token: only `Host: 127.0.0.1:<port>` / `localhost:<port>`, and no Origin or the harness's own.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TOKEN_HEADER, type Harness } from '../harness/server';

let harness: Harness;
let port: number;

beforeAll(async () => {
  harness = await startHarness({ servers: 0 });
  port = Number(new URL(harness.origin).port);
});
afterAll(async () => {
  await harness?.close();
});

/** One raw request to the harness (node:http, so Host and Origin can be anything). */
function call(
  path: string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; body: string }> {
  const body = method === 'POST' ? JSON.stringify({ channel: 'app.info', arg: {} }) : undefined;
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      // The event stream never ends by itself: its status and first bytes are enough.
      if (path === '/bridge/events' && res.statusCode === 200) {
        ok({ status: 200, body: '' });
        req.destroy();
        return;
      }
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

describe('harness bridge: Host and Origin', () => {
  const own = () => ({ host: `127.0.0.1:${port}`, [TOKEN_HEADER]: harness.token });

  it('answers our own page: loopback Host of its port, with no Origin or the same origin', async () => {
    for (const headers of [
      own(),
      { ...own(), host: `localhost:${port}` },
      { ...own(), origin: `http://127.0.0.1:${port}` },
      { ...own(), host: `localhost:${port}`, origin: `http://localhost:${port}` },
    ]) {
      const res = await call('/bridge/invoke', headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { shell: 'harness' } });
    }
    expect((await call('/bridge/events', own(), 'GET')).status).toBe(200);
  });

  it('refuses a rebound name or another port in Host, even with the token', async () => {
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `127.0.0.1.evil.example:${port}`,
      `[::1]:${port}`,
    ]) {
      const res = await call('/bridge/invoke', { ...own(), host });
      expect(res.status, host).toBe(403);
      expect(res.body).toContain('Host');
      expect((await call('/bridge/events', { ...own(), host }, 'GET')).status, host).toBe(403);
      // The static files too: a rebound page must not read the app either.
      expect((await call('/index.html', { host }, 'GET')).status, host).toBe(403);
    }
  });

  it('refuses another Origin, even with the token and a good Host', async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      'null',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
    ]) {
      const res = await call('/bridge/invoke', { ...own(), origin });
      expect(res.status, origin).toBe(403);
      expect(res.body).toContain('Cross-origin');
      expect((await call('/bridge/events', { ...own(), origin }, 'GET')).status, origin).toBe(403);
    }
  });

  it('still refuses a missing token from our own Host and Origin', async () => {
    const res = await call('/bridge/invoke', {
      host: `127.0.0.1:${port}`,
      origin: `http://127.0.0.1:${port}`,
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain('token');
  });
});
