import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../main/cloud/errors';
import { operations } from '../../main/cloud/ops';
import type { OperationDef } from '../../main/cloud/ops/types';
import { buildRequest, JSON_CONTENT_TYPE } from '../../main/cloud/request';
import type { RequestInput } from '../../main/cloud/request';
import { opSamples, SAMPLE_PROJECT_ID } from '../fixtures/op-samples';

const table = operations as Record<string, OperationDef>;
const ctx = { baseUrl: 'https://ecs.eu-west-0.myhuaweicloud.com', projectId: SAMPLE_PROJECT_ID };

/**
 * An independent RFC 3986 encoder for the expectations: UTF-8 bytes, every byte outside
 * ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX (upper case).
 */
function rfc3986(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expectedPath(def: OperationDef, path: Record<string, string | number> = {}): string {
  return def.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'project_id' ? SAMPLE_PROJECT_ID : rfc3986(String(path[name])),
  );
}

function decode(body: Uint8Array | undefined): unknown {
  return body === undefined ? undefined : JSON.parse(new TextDecoder().decode(body));
}

function expectValidation(fn: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as Error).message).toMatch(message);
}

describe('buildRequest for every operation (sample inputs)', () => {
  const rows = Object.keys(opSamples).map((id) => [id, table[id]!] as const);

  it.each(rows)('%s', (id, def) => {
    const sample = opSamples[id as keyof typeof opSamples] as RequestInput;
    const req = buildRequest(def, sample, ctx);

    expect(req.method).toBe(def.method);
    expect(req.url.origin).toBe(ctx.baseUrl);
    expect(req.url.pathname).toBe(expectedPath(def, sample.path));
    expect(req.url.pathname).not.toContain('{');

    // Query: each sample entry comes back (arrays as repeated keys), nothing else is added.
    const sent = [...req.url.searchParams.keys()];
    const query = sample.query ?? {};
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      const values = (Array.isArray(value) ? value : [value]).map(String);
      expect(req.url.searchParams.getAll(name)).toEqual(values);
    }
    expect(new Set(sent)).toEqual(new Set(Object.keys(query).filter((k) => query[k] !== undefined)));

    // Body: serialized once to the JSON of the sample, with the JSON content type.
    if (sample.body === undefined) {
      expect(req.body).toBeUndefined();
      expect(req.headers['Content-Type']).toBeUndefined();
    } else {
      expect(req.body).toBeInstanceOf(Uint8Array);
      expect(decode(req.body)).toEqual(sample.body);
      expect(req.headers['Content-Type']).toBe(JSON_CONTENT_TYPE);
    }

    // Microversion: only the row's fixed one (no context microversion here).
    if (def.microversion !== undefined) {
      expect(req.headers['X-OpenStack-Nova-API-Version']).toBe(def.microversion);
      expect(req.headers['OpenStack-API-Version']).toBe(`compute ${def.microversion}`);
    } else {
      expect(req.headers['X-OpenStack-Nova-API-Version']).toBeUndefined();
      expect(req.headers['OpenStack-API-Version']).toBeUndefined();
    }
  });

  it('fills both {project_id} placeholders of the quota-set path', () => {
    const req = buildRequest(operations.novaShowQuotaSet, {}, ctx);
    expect(req.url.pathname).toBe(`/v2.1/${SAMPLE_PROJECT_ID}/os-quota-sets/${SAMPLE_PROJECT_ID}`);
  });

  it('sends the official SDK paths for the tag APIs', () => {
    const req = buildRequest(operations.batchCreateServerTags, opSamples.batchCreateServerTags, ctx);
    expect(req.url.pathname).toBe(
      `/v1/${SAMPLE_PROJECT_ID}/cloudservers/${opSamples.batchCreateServerTags.path!.server_id}/tags/action`,
    );
  });
});

describe('path encoding', () => {
  const def = operations.novaShowServerMetadataItem;
  const path = (key: string) =>
    buildRequest(def, { path: { server_id: 'srv', key } }, ctx)
      .url.pathname.split('/')
      .pop();

  it('percent-encodes unicode as UTF-8', () => {
    expect(path('测试-ü')).toBe('%E6%B5%8B%E8%AF%95-%C3%BC');
  });

  it('keeps RFC 3986 unreserved characters and encodes every reserved one', () => {
    expect(path('aZ09-._~')).toBe('aZ09-._~');
    expect(path("a b+c?d#e&f=g;h,i:j@k!l'm(n)o*p$q[r]")).toBe(
      'a%20b%2Bc%3Fd%23e%26f%3Dg%3Bh%2Ci%3Aj%40k%21l%27m%28n%29o%2Ap%24q%5Br%5D',
    );
  });

  it('encodes a literal percent sign instead of passing an escape through', () => {
    expect(path('100%25')).toBe('100%2525');
  });

  it('encodes a 1D tag with "=" and "&" in the tag path', () => {
    const req = buildRequest(
      operations.novaAddServerTag,
      { path: { server_id: 's', tag: 'env=prod&web' } },
      ctx,
    );
    expect(req.url.pathname.endsWith('/tags/env%3Dprod%26web')).toBe(true);
  });

  it('accepts numbers as path values', () => {
    const req = buildRequest(operations.novaShowFlavor, { path: { flavor_id: 42 } }, ctx);
    expect(req.url.pathname).toBe(`/v2.1/${SAMPLE_PROJECT_ID}/flavors/42`);
  });

  it("refuses a path value containing '/'", () => {
    expectValidation(
      () => buildRequest(def, { path: { server_id: 'srv', key: 'a/b' } }, ctx),
      /contains '\/'/,
    );
  });

  it('refuses a lone surrogate with a ValidationError naming the parameter, never a URIError', () => {
    for (const bad of ['\ud800', 'a\udc00b', 'x\ud83d']) {
      expectValidation(
        () => buildRequest(def, { path: { server_id: 'srv', key: bad } }, ctx),
        /path parameter "key" contains a lone surrogate/,
      );
    }
    // A well-formed pair (an emoji) is fine and is sent as its UTF-8 bytes.
    const ok = buildRequest(def, { path: { server_id: 'srv', key: '\ud83d\ude00' } }, ctx);
    expect(ok.url.pathname.endsWith('/metadata/%F0%9F%98%80')).toBe(true);
  });

  it('refuses dot segments', () => {
    expectValidation(() => buildRequest(def, { path: { server_id: '..', key: 'k' } }, ctx), /dot segment/);
  });

  it('refuses a missing path parameter', () => {
    expectValidation(
      () => buildRequest(def, { path: { server_id: 'srv' } }, ctx),
      /missing path parameter "key"/,
    );
  });

  it('refuses an empty path parameter', () => {
    expectValidation(
      () => buildRequest(def, { path: { server_id: '', key: 'k' } }, ctx),
      /"server_id" is empty/,
    );
  });

  it('refuses a path parameter the operation does not have', () => {
    expectValidation(
      () => buildRequest(operations.showJob, { path: { job_id: 'j', server_id: 's' } }, ctx),
      /unknown path parameter "server_id"/,
    );
  });

  it('refuses project_id from the caller: it comes from the context', () => {
    expectValidation(
      () => buildRequest(operations.showJob, { path: { job_id: 'j', project_id: 'other' } }, ctx),
      /unknown path parameter "project_id"/,
    );
  });

  it('refuses a project-scoped operation without a project id', () => {
    expectValidation(
      () => buildRequest(operations.showJob, { path: { job_id: 'j' } }, { baseUrl: ctx.baseUrl }),
      /no project id/,
    );
  });

  it('builds project-less operations without a project id', () => {
    const req = buildRequest(
      operations.iamListAuthProjects,
      {},
      { baseUrl: 'https://iam.myhuaweicloud.com' },
    );
    expect(req.url.href).toBe('https://iam.myhuaweicloud.com/v3/auth/projects');
    const monitor = buildRequest(
      operations.novaMonitorServer,
      { path: { server_id: 's' }, body: { monitorMetrics: null } },
      { baseUrl: ctx.baseUrl },
    );
    expect(monitor.url.pathname).toBe('/v1.0/servers/s/action');
  });

  it('keeps the path prefix of a custom endpoint', () => {
    const req = buildRequest(
      operations.showJob,
      { path: { job_id: 'j' } },
      { ...ctx, baseUrl: 'https://gw.example.com/ecs/' },
    );
    expect(req.url.href).toBe(`https://gw.example.com/ecs/v1/${SAMPLE_PROJECT_ID}/jobs/j`);
  });

  it('refuses a malformed base URL', () => {
    expectValidation(
      () => buildRequest(operations.showJob, { path: { job_id: 'j' } }, { ...ctx, baseUrl: 'not a url' }),
      /Invalid base URL/,
    );
  });
});

describe('query serialization', () => {
  const def = operations.listServersDetailsV11;

  it('repeats keys for arrays, writes booleans as true/false and drops undefined', () => {
    const req = buildRequest(
      def,
      {
        query: { 'expect-fields': ['launched_at', 'tags'], in_recycle_bin: false, name: undefined, limit: 5 },
      },
      ctx,
    );
    expect(req.url.search).toBe('?expect-fields=launched_at&expect-fields=tags&in_recycle_bin=false&limit=5');
  });

  it('encodes query keys and values with %20, not +', () => {
    const req = buildRequest(def, { query: { name: 'web server+1&x=é', 'not-tags': 'a,b' } }, ctx);
    expect(req.url.search).toBe('?name=web%20server%2B1%26x%3D%C3%A9&not-tags=a%2Cb');
    expect(req.url.searchParams.get('name')).toBe('web server+1&x=é');
  });

  it('refuses a query name the operation does not accept', () => {
    expectValidation(() => buildRequest(def, { query: { limt: 5 } }, ctx), /unknown query parameter "limt"/);
  });

  it('refuses any query on an operation without query parameters', () => {
    expectValidation(
      () => buildRequest(operations.showServer, { path: { server_id: 's' }, query: { limit: 1 } }, ctx),
      /unknown query parameter "limit"/,
    );
  });

  it('refuses non-finite numbers', () => {
    expectValidation(() => buildRequest(def, { query: { limit: Number.NaN } }, ctx), /not a finite number/);
  });

  it('refuses a lone surrogate in a query value or in one item of an array value', () => {
    expectValidation(
      () => buildRequest(def, { query: { name: 'web\ud800' } }, ctx),
      /query parameter "name" contains a lone surrogate/,
    );
    expectValidation(
      () => buildRequest(def, { query: { 'expect-fields': ['tags', '\udfff'] } }, ctx),
      /query parameter "expect-fields" contains a lone surrogate/,
    );
  });

  it('sends no "?" when every value is undefined', () => {
    const req = buildRequest(def, { query: { limit: undefined } }, ctx);
    expect(req.url.href).toBe(`${ctx.baseUrl}/v1.1/${SAMPLE_PROJECT_ID}/cloudservers/detail`);
  });
});

describe('body and headers', () => {
  it('serializes the body once into UTF-8 JSON bytes', () => {
    const body = { server: { name: 'né' } };
    const req = buildRequest(operations.novaUpdateServer, { path: { server_id: 's' }, body }, ctx);
    expect(req.body).toEqual(new TextEncoder().encode('{"server":{"name":"né"}}'));
  });

  it('keeps null action bodies', () => {
    const req = buildRequest(
      operations.novaLockServer,
      { path: { server_id: 's' }, body: { lock: null } },
      ctx,
    );
    expect(new TextDecoder().decode(req.body)).toBe('{"lock":null}');
  });

  it('refuses a body JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expectValidation(
      () => buildRequest(operations.novaReplaceServerTags, { path: { server_id: 's' }, body: cyclic }, ctx),
      /cannot be serialized/,
    );
  });

  it('lets caller headers replace ours case-insensitively', () => {
    const req = buildRequest(
      operations.createServers,
      {
        body: opSamples.createServers.body,
        headers: { 'content-type': 'application/json', 'X-Client-Token': 'tok-1' },
      },
      ctx,
    );
    expect(req.headers['Content-Type']).toBeUndefined();
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['X-Client-Token']).toBe('tok-1');
  });
});

describe('microversion headers', () => {
  const show = operations.novaShowServer;
  const input = { path: { server_id: 's' } };

  it('sends the context microversion to Nova v2.1 rows', () => {
    const req = buildRequest(show, input, { ...ctx, microversion: '2.26' });
    expect(req.headers['X-OpenStack-Nova-API-Version']).toBe('2.26');
    expect(req.headers['OpenStack-API-Version']).toBe('compute 2.26');
  });

  it("lets the row's microversion win over the context's", () => {
    const req = buildRequest(operations.novaListServerTags, input, { ...ctx, microversion: '2.60' });
    expect(req.headers['X-OpenStack-Nova-API-Version']).toBe('2.26');
  });

  it('caps the context microversion at the row maximum (console output: 2.5 or earlier)', () => {
    const body = { 'os-getConsoleOutput': { length: 10 } };
    const high = buildRequest(
      operations.novaGetConsoleOutput,
      { ...input, body },
      { ...ctx, microversion: '2.26' },
    );
    expect(high.headers['X-OpenStack-Nova-API-Version']).toBe('2.5');
    const low = buildRequest(
      operations.novaGetConsoleOutput,
      { ...input, body },
      { ...ctx, microversion: '2.3' },
    );
    expect(low.headers['X-OpenStack-Nova-API-Version']).toBe('2.3');
    const none = buildRequest(operations.novaGetConsoleOutput, { ...input, body }, ctx);
    expect(none.headers['X-OpenStack-Nova-API-Version']).toBeUndefined();
  });

  it('compares microversions numerically, not as strings', () => {
    const req = buildRequest(
      operations.novaAddFloatingIp,
      { ...input, body: { addFloatingIp: { address: '1.2.3.4' } } },
      { ...ctx, microversion: '2.9' },
    );
    // '2.9' < '2.43' numerically, though not as a string.
    expect(req.headers['X-OpenStack-Nova-API-Version']).toBe('2.9');
  });

  it('sends no microversion to ECS, V2, IAM or VPC rows', () => {
    const mv = { ...ctx, microversion: '2.26' };
    const ecs = buildRequest(operations.showServer, input, mv);
    const v2 = buildRequest(
      operations.novaCreateServerOsVolumesBoot,
      { body: opSamples.novaCreateServerOsVolumesBoot.body },
      mv,
    );
    const vpc = buildRequest(operations.vpcListVpcs, {}, mv);
    for (const req of [ecs, v2, vpc]) {
      expect(req.headers['X-OpenStack-Nova-API-Version']).toBeUndefined();
      expect(req.headers['OpenStack-API-Version']).toBeUndefined();
    }
  });

  it('refuses a malformed microversion', () => {
    expectValidation(
      () => buildRequest(show, input, { ...ctx, microversion: 'latest' }),
      /Invalid microversion/,
    );
  });
});
