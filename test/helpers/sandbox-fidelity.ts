/**
 * The Sandbox behind the fidelity audit (test/integration/sandbox-fidelity.test.ts and its row
 * tables in test/integration/fidelity/): one Sandbox per test file, with a running, a stopped and a
 * locked server and a private image, AK/SK-signed HTTP calls to it, and the row shape.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { signRequest } from '../../main/cloud/sign';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';

/** The Sandbox of the running test file (set by useFidelitySandbox). */
export let sb: Sandbox;
/** A running server, a stopped one, and the ids the rows need. */
export const ids = {
  active: '',
  stopped: '',
  locked: '',
  subnet: '',
  vpc: '',
  ubuntu: '',
  windows: '',
  privateImage: '',
};

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A signed request to the Sandbox (`{p}` in the path is its project id), with the answer's JSON body. */
export async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const url = new URL(`${sb.info.endpoint}${path.replace('{p}', sb.info.projectId)}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = signRequest(
    { method, url, headers: { 'Content-Type': 'application/json' }, ...(payload ? { body: payload } : {}) },
    { ak: sb.info.ak, sk: sb.info.sk },
  );
  const res = await fetch(url, { method, headers, ...(payload ? { body: payload } : {}) });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    // Non-JSON bodies are only checked by status.
  }
  return { status: res.status, body: parsed };
}

/** The API code of an answer: ECS `error.code`, a gateway `error_code`, or a job's `job_id` for success. */
export function codeOf(a: Answer): string | undefined {
  const err = a.body.error as { code?: string } | undefined;
  return err?.code ?? (a.body.error_code as string | undefined) ?? (a.body.code as string | undefined);
}

/** Waits until the server is in vm_state `vm` with no task running. */
export async function untilState(id: string, vm: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const s = sb.state.servers.get(id);
    if (s?.vm_state === vm && s.task_state === null) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`server ${id} never reached ${vm}`);
}

/** A valid §5.1.1 create body, with `over` merged into `server`. */
export function createBody(over: Record<string, unknown> = {}): unknown {
  return {
    server: {
      name: 'fidelity',
      imageRef: ids.ubuntu,
      flavorRef: 's6.small.1',
      vpcid: ids.vpc,
      nics: [{ subnet_id: ids.subnet }],
      root_volume: { volumetype: 'SSD' },
      adminPass: 'Sandbox#2024x',
      ...over,
    },
  };
}

/** One documented error case: how to provoke it and the answer the reference gives. */
export interface Row {
  operation: string;
  condition: string;
  /** Doc section that gives the case. */
  section: string;
  status: number;
  code?: string;
  /** Was wrong before the audit (and what it was). */
  fixed?: string;
  run: () => Promise<Answer>;
  /** Extra checks on the answer (or on state read back over HTTP). */
  then?: (answer: Answer) => Promise<void>;
}

/** An id that names nothing. */
export const NONE = '00000000-0000-4000-8000-000000000000';

/**
 * Starts the Sandbox before the file's tests (stopping one server, locking another, capturing an
 * image) and closes it after them.
 */
export function useFidelitySandbox(): void {
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, speed: 500, servers: 3 });
    const [a, b, c] = [...sb.state.servers.keys()];
    ids.active = a!;
    ids.stopped = b!;
    ids.locked = c!;
    const subnet = [...sb.state.subnets.values()].find((s) => s.name === 'subnet-default')!;
    ids.subnet = subnet.id;
    ids.vpc = subnet.vpc_id;
    const images = [...sb.state.images.values()];
    ids.ubuntu = images.find((i) => i.name.startsWith('Ubuntu'))!.id;
    ids.windows = images.find((i) => i.os_type === 'Windows')!.id;
    // Over HTTP like everything else: stop one server, lock another, capture a private image.
    expect(
      (await call('POST', '/v1/{p}/cloudservers/action', { 'os-stop': { servers: [{ id: ids.stopped }] } }))
        .status,
    ).toBe(200);
    await untilState(ids.stopped, 'stopped');
    expect((await call('POST', `/v2.1/{p}/servers/${ids.locked}/action`, { lock: null })).status).toBe(202);
    const img = await call('POST', `/v2.1/{p}/servers/${ids.active}/action`, {
      createImage: { name: 'private-linux' },
    });
    expect(img.status).toBe(202);
    ids.privateImage = [...sb.state.images.values()].find((i) => i.name === 'private-linux')!.id;
    for (let i = 0; i < 1000 && sb.state.images.get(ids.privateImage)!.status !== 'active'; i++)
      await new Promise((r) => setTimeout(r, 5));
    await untilState(ids.active, 'active');
  });
  afterAll(async () => {
    await sb?.close();
  });
}
