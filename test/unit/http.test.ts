import { createServer as createHttpsServer } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, NetworkError, TimeoutError } from '../../main/cloud/errors';
import { Transport, describeProxy, failedBeforeSending } from '../../main/cloud/http';
import {
  closeServer,
  closedPort,
  connectProxy,
  countingServer,
  listen,
  selfSignedCert,
} from '../helpers/local-servers';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function track<T extends { close(): Promise<void> }>(t: T): T {
  cleanups.push(() => t.close());
  return t;
}

async function okServer() {
  const s = await countingServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-request-id', 'rid');
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          body: Buffer.concat(chunks).toString(),
          auth: req.headers.authorization ?? null,
        }),
      );
    });
  });
  cleanups.push(() => closeServer(s.server));
  return s;
}

const get = (origin: string, path = '/v1/x?a=1') => ({
  method: 'GET',
  url: new URL(origin + path),
  headers: { Authorization: 'x' },
});

describe('Transport', () => {
  it('sends method, path, query, headers and body bytes and returns status, headers and body', async () => {
    const s = await okServer();
    const t = track(new Transport({ proxy: 'direct' }));
    const res = await t.send({
      method: 'POST',
      url: new URL(`${s.origin}/v1/p/act?x=%20y`),
      headers: { Authorization: 'sig' },
      body: new TextEncoder().encode('{"a":1}'),
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('rid');
    expect(JSON.parse(res.body.toString())).toEqual({
      method: 'POST',
      url: '/v1/p/act?x=%20y',
      body: '{"a":1}',
      auth: 'sig',
    });
  });

  it('keeps connections alive: 30 sequential requests reuse the pooled sockets', async () => {
    const s = await okServer();
    const t = track(new Transport({ proxy: 'direct' }));
    for (let i = 0; i < 30; i++) expect((await t.send(get(s.origin))).status).toBe(200);
    // undici may open a second socket while the first is being returned to the pool; never more.
    expect(s.connections()).toBeLessThanOrEqual(2);
  });

  it('throws TimeoutError when the headers do not come in time', async () => {
    const s = await countingServer(() => undefined); // never answers
    cleanups.push(() => closeServer(s.server));
    const t = track(new Transport({ proxy: 'direct', headersTimeoutMs: 150 }));
    const err = await t.send(get(s.origin)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(failedBeforeSending(err)).toBe(false);
  });

  it('throws AbortError when the signal aborts a request in flight', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    const s = await countingServer(() => arrived());
    cleanups.push(() => closeServer(s.server));
    const t = track(new Transport({ proxy: 'direct' }));
    const ac = new AbortController();
    const p = t.send(get(s.origin), { signal: ac.signal });
    await reached;
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
  });

  it('reports a refused connection in plain words, as failed before sending', async () => {
    const port = await closedPort();
    const t = track(new Transport({ proxy: 'direct' }));
    const err = await t
      .send(get(`http://127.0.0.1:${port}`), { operation: 'showJob' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toBe(`127.0.0.1:${port} refused the connection.`);
    expect((err as NetworkError).operation).toBe('showJob');
    expect(failedBeforeSending(err)).toBe(true);
  });

  it('maps DNS, reset and TLS failures to plain-words NetworkErrors', () => {
    const t = new Transport({ proxy: 'direct' });
    const url = new URL('https://ecs.cn-north-4.myhuaweicloud.com/v1');
    const map = (code: string) => t.mapError(Object.assign(new Error(code), { code }), url) as NetworkError;
    expect(map('ENOTFOUND').message).toBe(
      'The host ecs.cn-north-4.myhuaweicloud.com could not be found (DNS).',
    );
    expect(failedBeforeSending(map('ENOTFOUND'))).toBe(true);
    expect(map('ECONNRESET').message).toBe('The connection to ecs.cn-north-4.myhuaweicloud.com was reset.');
    expect(failedBeforeSending(map('ECONNRESET'))).toBe(false);
    expect(map('CERT_HAS_EXPIRED').message).toContain('TLS certificate');
    expect(map('UND_ERR_CONNECT_TIMEOUT')).toBeInstanceOf(TimeoutError);
    expect(failedBeforeSending(map('UND_ERR_CONNECT_TIMEOUT'))).toBe(true);
  });

  it('refuses a self-signed certificate, and accepts it once its CA is given', async () => {
    const { key, cert } = selfSignedCert();
    const server = createHttpsServer({ key, cert }, (_req, res) => res.end('{"ok":true}'));
    const port = await listen(server as never);
    cleanups.push(() => closeServer(server as never));
    const url = `https://127.0.0.1:${port}`;
    const plain = track(new Transport({ proxy: 'direct' }));
    const err = await plain.send(get(url)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ was not accepted/);
    expect((err as NetworkError).hint).toContain('CA certificate');
    const withCa = track(new Transport({ proxy: 'direct', ca: [cert] }));
    expect(JSON.parse((await withCa.send(get(url))).body.toString())).toEqual({ ok: true });
  });
});

describe('Transport proxies', () => {
  it('goes through HTTP_PROXY from the environment, sending the URL credentials as Proxy-Authorization', async () => {
    const s = await okServer();
    const proxy = await connectProxy();
    cleanups.push(proxy.close);
    const t = track(
      new Transport({ env: { HTTP_PROXY: `http://alice:pr0xy-pa55word@127.0.0.1:${proxy.port}` } }),
    );
    const res = await t.send(get(s.origin));
    expect(res.status).toBe(200);
    expect(proxy.seen).toEqual([
      {
        target: `127.0.0.1:${s.port}`,
        proxyAuthorization: `Basic ${Buffer.from('alice:pr0xy-pa55word').toString('base64')}`,
      },
    ]);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const s = await okServer();
    const proxy = await connectProxy();
    cleanups.push(proxy.close);
    const t = track(
      new Transport({ env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: '127.0.0.1' } }),
    );
    expect((await t.send(get(s.origin))).status).toBe(200);
    expect(proxy.seen).toHaveLength(0);
  });

  it('ignores the process environment when given an explicit env without proxies', async () => {
    const s = await okServer();
    const t = track(new Transport({ env: {} }));
    expect((await t.send(get(s.origin))).status).toBe(200);
  });

  it('uses an explicit per-account proxy and names a 407 in plain words', async () => {
    const s = await okServer();
    const proxy = await connectProxy(407);
    cleanups.push(proxy.close);
    const t = track(new Transport({ proxy: `http://bob:bobs-proxy-secret@127.0.0.1:${proxy.port}` }));
    const err = (await t.send(get(s.origin)).catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(`The proxy http://127.0.0.1:${proxy.port} requires authentication (407).`);
    expect(failedBeforeSending(err)).toBe(true);
    expect(JSON.stringify(err.toData())).not.toContain('bobs-proxy-secret');
  });

  it('says the proxy refused the connection, never showing its password', async () => {
    const s = await okServer();
    const port = await closedPort();
    const t = track(
      new Transport({
        env: { HTTPS_PROXY: '', HTTP_PROXY: `http://carol:carols-secret-pw@127.0.0.1:${port}` },
      }),
    );
    const err = (await t.send(get(s.origin)).catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(`The proxy http://127.0.0.1:${port} refused the connection.`);
    expect(err.message).not.toContain('carols-secret-pw');
    expect(JSON.stringify(err.toData())).not.toContain('carols-secret-pw');
    expect(describeProxy(`http://carol:carols-secret-pw@127.0.0.1:${port}`)).toBe(`http://127.0.0.1:${port}`);
  });
});
