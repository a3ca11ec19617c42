/**
 * Shared set-up for the sandbox integration tests: a sandbox, the official SDK clients bound to it
 * (loaded only after HOME points at a temporary directory, because the SDK writes ~/.huaweicloud/),
 * and a job waiter.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../main/sandbox/server';
import type { SandboxOptions } from '../../main/sandbox/runtime';
import { request } from 'undici';

/** Loosely typed SDK module (the SDK's own typings are not needed for wire tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

/** The official SDK modules, loaded with HOME in a temporary directory. */
export function loadSdk(): { core: Any; ecs: Any; vpc: Any } {
  process.env.HOME = mkdtempSync(join(tmpdir(), 'sandbox-sdk-home-'));
  const require = createRequire(import.meta.url);
  const core: Any = require('@huaweicloud/huaweicloud-sdk-core');
  const ecs: Any = require('@huaweicloud/huaweicloud-sdk-ecs');
  const vpc: Any = require('@huaweicloud/huaweicloud-sdk-vpc');
  // The SDK logs every error response at ERROR level; tests provoke many on purpose.
  try {
    const log4js: Any = require('log4js');
    log4js.configure({
      appenders: { out: { type: 'stdout' } },
      categories: { default: { appenders: ['out'], level: 'off' } },
    });
  } catch {
    // log4js is an SDK dependency; if it moves, the noise is harmless.
  }
  return { core, ecs, vpc };
}

/** A started sandbox with SDK clients. */
export interface SdkRig {
  sb: Sandbox;
  ecs: Any;
  vpc: Any;
  ecsClient: Any;
  vpcClient: Any;
}

/** Starts a sandbox (speed high by default) and builds EcsClient and VpcClient with BasicCredentials. */
export async function startRig(opts: SandboxOptions = {}): Promise<SdkRig> {
  const { core, ecs, vpc } = loadSdk();
  const sb = await startSandbox({ speed: 500, ...opts });
  const cred = new core.BasicCredentials()
    .withAk(sb.info.ak)
    .withSk(sb.info.sk)
    .withProjectId(sb.info.projectId);
  const ecsClient = ecs.EcsClient.newBuilder().withCredential(cred).withEndpoint(sb.info.endpoint).build();
  const vpcClient = vpc.VpcClient.newBuilder().withCredential(cred).withEndpoint(sb.info.endpoint).build();
  return { sb, ecs, vpc, ecsClient, vpcClient };
}

/** Polls showJob until SUCCESS or FAIL; returns the job body and every status seen. */
export async function waitJob(
  rig: SdkRig,
  jobId: string,
  maxPolls = 400,
): Promise<{ job: Any; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < maxPolls; i++) {
    const job = await rig.ecsClient.showJob({ job_id: jobId });
    if (seen[seen.length - 1] !== job.status) seen.push(job.status);
    if (job.status === 'SUCCESS' || job.status === 'FAIL') return { job, seen };
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`job ${jobId} did not finish; seen ${seen.join(',')}`);
}

/** Runs an SDK call expected to fail; returns the error's HTTP status and API code. */
export async function sdkError(
  p: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as Any;
    return { status: err.httpStatusCode, code: err.errorCode, message: err.errorMsg };
  }
  throw new Error('expected the SDK call to fail');
}

/** The IAM password-login body of the sandbox's user (scoped to its project unless told). */
export function passwordAuthBody(
  s: Pick<Sandbox, 'info'>,
  scope: Record<string, unknown> = { project: { id: s.info.projectId } },
): string {
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: { name: s.info.userName, password: s.info.password, domain: { name: s.info.domainName } },
        },
      },
      scope,
    },
  });
}

/** An IAM token of the sandbox's user, scoped to its project (password login over HTTP). */
export async function login(s: Sandbox): Promise<string> {
  const res = await request(`${s.info.endpoint}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: passwordAuthBody(s),
  });
  await res.body.text();
  return res.headers['x-subject-token'] as string;
}
