/**
 * Every row of the operation table, end to end through the real CloudClient (AK/SK auth) into
 * undici's MockAgent: the method, path, query, headers and body bytes that reach the wire are the
 * ones the row and the sample input (test/fixtures/op-samples.ts) call for, the signature verifies,
 * and the mocked answer is parsed (204 -> undefined, JSON -> the object).
 *
 * The expected wire form is computed here by a small independent encoder (RFC 3986, byte by byte)
 * rather than with request.ts's own helpers, so a bug there cannot hide itself.
 */
import { describe, expect, it } from 'vitest';
import { AkSkAuth } from '../../main/cloud/auth/aksk';
import { operations } from '../../main/cloud/ops/index';
import type { OperationDef } from '../../main/cloud/ops/types';
import { verifySignature } from '../../main/cloud/verify';
import type { OperationId } from '../../shared/ecs/operations';
import { opSamples, type OpSample } from '../fixtures/op-samples';
import { AK, ECS, IAM, PROJECT, SK, mockCloud, type Recorded } from '../helpers/mock-cloud';

const VPC = 'https://vpc.test.example';
const ORIGIN: Record<OperationDef['service'], string> = { ecs: ECS, iam: IAM, vpc: VPC };
const CLOCK_START = Date.parse('2025-01-07T10:00:00Z');
/** The microversion the client is configured with, to see it reach (only) the /v2.1/ rows. */
const CLIENT_MICROVERSION = '2.60';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** RFC 3986 percent-encoding, byte by byte over UTF-8: only unreserved characters stay literal. */
function pct(value: string): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expectedPath(def: OperationDef, sample: OpSample<OperationId>): string {
  const params = (sample.path ?? {}) as Record<string, string | number>;
  return def.path.replace(/\{([^{}]+)\}/g, (_, name: string) =>
    name === 'project_id' ? PROJECT : pct(String(params[name])),
  );
}

function expectedQuery(sample: OpSample<OperationId>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries((sample.query ?? {}) as Record<string, unknown>)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${pct(k)}=${pct(String(one))}`);
  }
  return parts.join('&');
}

/** Numeric X.Y comparison. */
function mvGreater(a: string, b: string): boolean {
  const [a1, a2] = a.split('.').map(Number) as [number, number];
  const [b1, b2] = b.split('.').map(Number) as [number, number];
  return a1 !== b1 ? a1 > b1 : a2 > b2;
}

/** The microversion a row must carry: its own, else the client's on /v2.1/ paths, capped at its max. */
function expectedMicroversion(def: OperationDef): string | undefined {
  if (!def.path.startsWith('/v2.1/')) return undefined;
  let mv = def.microversion ?? CLIENT_MICROVERSION;
  if (def.maxMicroversion !== undefined && mvGreater(mv, def.maxMicroversion)) mv = def.maxMicroversion;
  return mv;
}

function verify(r: Recorded) {
  const q = r.path.indexOf('?');
  return verifySignature(
    {
      method: r.method,
      rawPath: q < 0 ? r.path : r.path.slice(0, q),
      rawQuery: q < 0 ? '' : r.path.slice(q + 1),
      headers: r.headers,
      body: r.body,
    },
    (ak) => (ak === AK ? SK : undefined),
    { now: new Date(CLOCK_START + 60_000), maxSkewMs: 3600_000 },
  );
}

/** What the mock answers: nothing (204) for rows without a response body, a unique JSON object otherwise. */
function replyFor(def: OperationDef): { status: number; body?: unknown } {
  if (def.completion === 'none') return { status: 204 };
  const status = def.successStatus?.[0] ?? 200;
  return { status, body: { echo: def.id, n: def.path.length, nested: { ok: true, list: [1, 'two'] } } };
}

const rows = Object.entries(operations) as [OperationId, OperationDef][];

describe('every operation row through CloudClient and MockAgent', () => {
  it('covers all 137 rows, each with a sample input', () => {
    expect(rows).toHaveLength(137);
    for (const [id] of rows) expect(opSamples[id], id).toBeDefined();
  });

  it.each(rows)('%s: wire request and parsed answer', async (id, def) => {
    let clock = CLOCK_START;
    const m = mockCloud({
      endpoints: { ecs: ECS, iam: IAM, vpc: VPC },
      microversion: CLIENT_MICROVERSION,
      auth: new AkSkAuth({ ak: AK, sk: SK }, { now: () => new Date((clock += 1000)) }),
    });
    const sample = opSamples[id] as OpSample<OperationId>;
    const reply = replyFor(def);
    // A predicate accepting anything: the test asserts what arrived instead of relying on a match.
    m.script(def.method, () => true, [reply], ORIGIN[def.service]);

    const res = await m.client.callRaw(id, sample as never);

    expect(m.recorded).toHaveLength(1);
    const r = m.recorded[0]!;
    expect(r.origin).toBe(ORIGIN[def.service]);
    expect(r.method).toBe(def.method);
    const query = expectedQuery(sample);
    expect(r.path).toBe(expectedPath(def, sample) + (query === '' ? '' : `?${query}`));

    // Headers: signed, dated, typed, versioned.
    expect(r.headers.authorization).toMatch(
      new RegExp(`^SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`),
    );
    expect(r.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(verify(r)).toEqual({ ok: true, ak: AK });
    const signed = /SignedHeaders=([^,]+)/.exec(r.headers.authorization!)![1]!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['host', 'x-sdk-date']));
    expect(r.headers.accept).toBe('application/json');

    if (sample.body !== undefined) {
      expect(r.headers['content-type']).toBe('application/json;charset=UTF-8');
      expect(signed).toContain('content-type');
      expect(r.body.toString('utf8')).toBe(JSON.stringify(sample.body));
    } else {
      expect(r.headers['content-type']).toBeUndefined();
      expect(r.body).toHaveLength(0);
    }

    const mv = expectedMicroversion(def);
    expect(r.headers['x-openstack-nova-api-version']).toBe(mv);
    expect(r.headers['openstack-api-version']).toBe(mv === undefined ? undefined : `compute ${mv}`);
    if (def.microversion !== undefined) expect(mv).toBe(def.microversion);

    if (def.clientToken) {
      expect(r.headers['x-client-token']).toMatch(/^[0-9a-f-]{36}$/);
      expect(signed).toContain('x-client-token');
    } else {
      expect(r.headers['x-client-token']).toBeUndefined();
    }

    // The answer.
    expect(res.status).toBe(reply.status);
    expect(res.attempts).toBe(1);
    if (reply.body === undefined) expect(res.body).toBeUndefined();
    else expect(res.body).toEqual(reply.body);
  });
});

describe('answers the operation table leaves to the parser', () => {
  it('parses a 200 with an empty body as undefined and a 201 HTML tag answer (§6.15.4) as undefined', async () => {
    const m = mockCloud();
    m.script('POST', () => true, [{ status: 200, body: '' }]);
    await expect(
      m.client.call('batchCreateServerTags', opSamples.batchCreateServerTags as never),
    ).resolves.toBeUndefined();
    const html = '<html><head><title>201 Created</title></head><body><h1>201 Created</h1></body></html>';
    const agentPool = m.agent.get(ECS);
    agentPool
      .intercept({ method: 'PUT', path: () => true })
      .reply(201, html, { headers: { 'content-type': 'text/html; charset=UTF-8' } });
    const res = await m.client.callRaw('novaAddServerTag', opSamples.novaAddServerTag as never);
    expect(res.status).toBe(201);
    expect(res.body).toBeUndefined();
  });
});
