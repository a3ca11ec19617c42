/**
 * Loads the official Huawei Cloud Node SDK for tests and benchmarks only (never app code).
 *
 * The SDK writes under `~/.huaweicloud/`, so HOME is pointed at a temporary directory before the
 * first load.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The SDK's credentials object as its signer sees it. */
export interface SdkCredential {
  getAk(): string;
  getSk(): string;
}

/** The request shape the SDK's AKSKSigner reads. */
export interface SdkSignerRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  queryParams?: Record<string, string | string[]>;
  data?: unknown;
}

interface BasicCredentialsCtor {
  new (): BasicCredentials;
}

interface BasicCredentials extends SdkCredential {
  withAk(ak: string): BasicCredentials;
  withSk(sk: string): BasicCredentials;
  withSecurityToken(token: string): BasicCredentials;
  withProjectId(projectId: string): BasicCredentials;
  processAuthRequest(client: unknown, req: unknown): Promise<{ headers: Record<string, string> }>;
}

interface HttpRequestBuilder {
  withEndpoint(v: string): HttpRequestBuilder;
  withUrl(v: string): HttpRequestBuilder;
  withMethod(v: string): HttpRequestBuilder;
  withHeaders(v: Record<string, string>): HttpRequestBuilder;
  withData(v: unknown): HttpRequestBuilder;
  withQueryParams(v: Record<string, string | string[]>): HttpRequestBuilder;
  build(): unknown;
}

/** The SDK pieces the tests and benchmarks use. */
export interface HuaweiSdk {
  /** `AKSKSigner.sign(request, credential)`: the SDK's signer itself. */
  sign(req: SdkSignerRequest, cred: SdkCredential): Record<string, string>;
  /** The full SDK path: BasicCredentials.processAuthRequest (adds X-Project-Id, X-Security-Token, then signs). */
  signLikeClient(input: SdkClientSignInput): Promise<Record<string, string>>;
}

/** Input of {@link HuaweiSdk.signLikeClient}; `path` is the request path with parameter values raw. */
export interface SdkClientSignInput {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  query?: Record<string, string | string[]>;
  data?: unknown;
  ak: string;
  sk: string;
  securityToken?: string;
  projectId?: string;
}

let loaded: HuaweiSdk | undefined;

/** Loads the SDK once (after redirecting HOME) and returns its signer entry points. */
export function loadHuaweiSdk(): HuaweiSdk {
  if (loaded) return loaded;
  const home = join(tmpdir(), 'ecs-desktop-sdk-home');
  mkdirSync(home, { recursive: true });
  process.env.HOME = home;
  const require = createRequire(import.meta.url);
  const core = require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: BasicCredentialsCtor };
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
    AKSKSigner: { sign(req: SdkSignerRequest, cred: SdkCredential): Record<string, string> };
  };
  const { HttpRequestBuilder } = require('@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder') as {
    HttpRequestBuilder: new () => HttpRequestBuilder;
  };
  loaded = {
    sign: (req, cred) => AKSKSigner.sign(req, cred),
    async signLikeClient(input) {
      let cred = new core.BasicCredentials().withAk(input.ak).withSk(input.sk);
      if (input.securityToken !== undefined) cred = cred.withSecurityToken(input.securityToken);
      if (input.projectId !== undefined) cred = cred.withProjectId(input.projectId);
      const builder = new HttpRequestBuilder()
        .withEndpoint(input.origin)
        .withUrl(input.path)
        .withMethod(input.method)
        .withHeaders({ ...input.headers })
        .withQueryParams(input.query ?? {});
      if (input.data !== undefined) builder.withData(input.data);
      const signed = await cred.processAuthRequest(undefined, builder.build());
      return { ...signed.headers };
    },
  };
  return loaded;
}
