/**
 * The document-path aliases, over raw AK/SK-signed HTTP: the API Reference prints some paths that
 * the official SDK does not use (§5.6.3/5.6.4 `/v2.1/servers/{id}/block_device...` with no project,
 * §5.9 `/v1/{project_id}/servers/...` tags, §6.16 Nova `/v2/`, the v1 reinstall/change-OS and v1.1
 * create/resize paths). Each must answer exactly what its SDK path answers, errors included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

let sb: Sandbox;
let server: string;
let volume: string;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(`${sb.info.endpoint}${path.replaceAll('{p}', sb.info.projectId)}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const signed = signRequest(
    {
      method,
      url,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(payload ? { body: payload } : {}),
    },
    { ak: sb.info.ak, sk: sb.info.sk },
  );
  const res = await fetch(url, { method, headers: signed, ...(payload ? { body: payload } : {}) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

async function waitJob(jobId: unknown): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const job = await call('GET', `/v1/{p}/jobs/${String(jobId)}`);
    const status = job.body.status as string;
    if (status === 'SUCCESS' || status === 'FAIL') return status;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`job ${String(jobId)} did not finish`);
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, speed: 500, servers: 2 });
  server = [...sb.state.servers.keys()][0]!;
  volume = sb.state.servers.get(server)!.volumes[0]!;
});
afterAll(async () => {
  await sb?.close();
});

describe('document-path aliases answer like the SDK paths', () => {
  it('§5.6.3/5.6.4 GET /v2.1/servers/{id}/block_device[/{volume_id}] (no project in the path)', async () => {
    const doc = await call('GET', `/v2.1/servers/${server}/block_device`);
    const sdk = await call('GET', `/v1/{p}/cloudservers/${server}/block_device`);
    expect(doc.status).toBe(200);
    expect(doc.body).toEqual(sdk.body);
    const attachments = doc.body.volumeAttachments as { volumeId: string }[];
    expect(attachments.map((a) => a.volumeId)).toContain(volume);

    const one = await call('GET', `/v2.1/servers/${server}/block_device/${volume}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(
      (await call('GET', `/v1/{p}/cloudservers/${server}/block_device/${volume}`)).body,
    );
    expect((one.body.volumeAttachment as { volumeId: string }).volumeId).toBe(volume);

    // Errors too: an unknown server is Ecs.0114 (404) on both paths.
    const missing = await call('GET', '/v2.1/servers/00000000-0000-4000-8000-000000000000/block_device');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(
      (await call('GET', '/v1/{p}/cloudservers/00000000-0000-4000-8000-000000000000/block_device')).body,
    );
    expect((missing.body.error as { code: string }).code).toBe('Ecs.0114');
  });

  it('§5.9.3–5.9.6 tags at /v1/{project_id}/servers/...: add, list, project tags, filter, delete', async () => {
    const add = await call('POST', `/v1/{p}/servers/${server}/tags/action`, {
      action: 'create',
      tags: [
        { key: 'env', value: 'doc-path' },
        { key: 'team', value: 'ops' },
      ],
    });
    expect(add.status).toBe(204);
    const doc = await call('GET', `/v1/{p}/servers/${server}/tags`);
    expect(doc.status).toBe(200);
    expect(doc.body).toEqual((await call('GET', `/v1/{p}/cloudservers/${server}/tags`)).body);
    expect(doc.body.tags).toEqual(
      expect.arrayContaining([
        { key: 'env', value: 'doc-path' },
        { key: 'team', value: 'ops' },
      ]),
    );
    const project = await call('GET', '/v1/{p}/servers/tags');
    expect(project.status).toBe(200);
    expect(project.body).toEqual((await call('GET', '/v1/{p}/cloudservers/tags')).body);
    const env = (project.body.tags as { key: string; values: string[] }[]).find((t) => t.key === 'env');
    expect(env?.values).toContain('doc-path');

    const filter = {
      action: 'filter',
      tags: [{ key: 'env', values: ['doc-path'] }],
      limit: '10',
      offset: '0',
    };
    const found = await call('POST', '/v1/{p}/servers/resource_instances/action', filter);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(
      (await call('POST', '/v1/{p}/cloudservers/resource_instances/action', filter)).body,
    );
    expect((found.body.resources as { resource_id: string }[]).map((r) => r.resource_id)).toEqual([server]);
    const count = await call('POST', '/v1/{p}/servers/resource_instances/action', {
      action: 'count',
      tags: [{ key: 'env', values: ['doc-path'] }],
    });
    expect(count.body.total_count).toBe(1);

    const del = await call('POST', `/v1/{p}/servers/${server}/tags/action`, {
      action: 'delete',
      tags: [{ key: 'env', value: 'doc-path' }],
    });
    expect(del.status).toBe(204);
    const left = (await call('GET', `/v1/{p}/cloudservers/${server}/tags`)).body.tags as { key: string }[];
    expect(left.map((t) => t.key)).toContain('team');
    expect(left.map((t) => t.key)).not.toContain('env');
    // The same ECS error codes on the document path: 11 tags is Ecs.0905.
    const many = await call('POST', `/v1/{p}/servers/${server}/tags/action`, {
      action: 'create',
      tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
    });
    expect(many.status).toBe(400);
    expect((many.body.error as { code: string }).code).toBe('Ecs.0905');
  });

  it('§6.16 Nova at /v2/{project_id}: the same server as /v2.1, without microversion fields', async () => {
    const v2 = await call('GET', `/v2/{p}/servers/${server}`);
    const v21 = await call('GET', `/v2.1/{p}/servers/${server}`);
    expect(v2.status).toBe(200);
    const a = v2.body.server as Record<string, unknown>;
    const b = v21.body.server as Record<string, unknown>;
    expect([a.id, a.name, a.status]).toEqual([b.id, b.name, b.status]);
    // A V2 path ignores a microversion header: no 2.26 `tags` field.
    const withHeader = await call('GET', `/v2/{p}/servers/${server}`, undefined, {
      'X-OpenStack-Nova-API-Version': '2.26',
    });
    expect((withHeader.body.server as Record<string, unknown>).tags).toBeUndefined();
    expect(
      (
        (
          await call('GET', `/v2.1/{p}/servers/${server}`, undefined, {
            'X-OpenStack-Nova-API-Version': '2.26',
          })
        ).body.server as Record<string, unknown>
      ).tags,
    ).toBeDefined();
  });

  it('the v1.1 create and resize paths and the v1 reinstall/change-OS paths run the same jobs', async () => {
    const subnet = [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!;
    const image = [...sb.state.images.values()].find((i) => i.name.startsWith('Ubuntu'))!.id;
    const created = await call('POST', '/v1.1/{p}/cloudservers', {
      server: {
        name: 'v11',
        imageRef: image,
        flavorRef: 's6.small.1',
        vpcid: subnet.vpc_id,
        nics: [{ subnet_id: subnet.id }],
        root_volume: { volumetype: 'SSD' },
        adminPass: 'Sandbox#2024x',
        extendparam: { chargingMode: 'postPaid' },
      },
    });
    expect(created.status).toBe(200);
    expect(await waitJob(created.body.job_id)).toBe('SUCCESS');
    const id = (created.body.serverIds as string[])[0]!;
    const stop = await call('POST', '/v1/{p}/cloudservers/action', { 'os-stop': { servers: [{ id }] } });
    expect(await waitJob(stop.body.job_id)).toBe('SUCCESS');

    const resize = await call('POST', `/v1.1/{p}/cloudservers/${id}/resize`, {
      resize: { flavorRef: 's6.medium.2' },
    });
    expect(resize.status).toBe(200);
    expect(await waitJob(resize.body.job_id)).toBe('SUCCESS');
    expect(sb.state.servers.get(id)!.flavor_id).toBe('s6.medium.2');

    const reinstall = await call('POST', `/v1/{p}/cloudservers/${id}/reinstallos`, {
      'os-reinstall': { adminpass: 'Sandbox#2024y' },
    });
    expect(reinstall.status).toBe(200);
    expect(await waitJob(reinstall.body.job_id)).toBe('SUCCESS');
    const other = [...sb.state.images.values()].find((i) => i.name.startsWith('CentOS'))!.id;
    const change = await call('POST', `/v1/{p}/cloudservers/${id}/changeos`, {
      'os-change': { imageid: other, adminpass: 'Sandbox#2024z' },
    });
    expect(change.status).toBe(200);
    expect(await waitJob(change.body.job_id)).toBe('SUCCESS');
    expect(sb.state.servers.get(id)!.image_id).toBe(other);
    // The same refusal on the v1 path as on v2: a key pair that does not exist.
    const bad = await call('POST', `/v1/{p}/cloudservers/${id}/reinstallos`, {
      'os-reinstall': { keyname: 'nope' },
    });
    expect(bad.body).toEqual(
      (await call('POST', `/v2/{p}/cloudservers/${id}/reinstallos`, { 'os-reinstall': { keyname: 'nope' } }))
        .body,
    );
    expect(bad.status).toBe(400);
  });
});
