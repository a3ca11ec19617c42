/**
 * The official ECS SDK client (EcsClient over HcClient with BasicCredentials), for benchmarks only
 * (never app code). HOME is redirected first by loadHuaweiSdk(), since the SDK writes ~/.huaweicloud/.
 */
import { createRequire } from 'node:module';
import { loadHuaweiSdk } from './huawei-sdk';

/** The EcsClient calls the benchmarks use. */
export interface SdkEcsClient {
  listFlavors(req: unknown): Promise<unknown>;
  novaListServersDetails(
    req: unknown,
  ): Promise<{ servers?: unknown[]; servers_links?: Array<{ rel: string; href: string }> }>;
}

/** Request constructors of the SDK. */
export interface SdkEcsRequests {
  listFlavors(): unknown;
  novaListServersDetails(limit: number, marker?: string): unknown;
}

/** Builds an EcsClient for `endpoint` with AK/SK and a fixed project id. */
export function loadSdkEcsClient(opts: { endpoint: string; ak: string; sk: string; projectId: string }): {
  client: SdkEcsClient;
  requests: SdkEcsRequests;
} {
  loadHuaweiSdk(); // redirects HOME before the SDK loads
  const require = createRequire(import.meta.url);
  const core = require('@huaweicloud/huaweicloud-sdk-core') as {
    BasicCredentials: new () => {
      withAk(v: string): unknown;
    };
  };
  const ecs = require('@huaweicloud/huaweicloud-sdk-ecs') as Record<string, unknown> & {
    EcsClient: {
      newBuilder(): { withCredential(c: unknown): { withEndpoint(e: string): { build(): SdkEcsClient } } };
    };
  };
  type Chain = { withAk(v: string): Chain; withSk(v: string): Chain; withProjectId(v: string): Chain };
  const cred = (new core.BasicCredentials() as unknown as Chain)
    .withAk(opts.ak)
    .withSk(opts.sk)
    .withProjectId(opts.projectId);
  const client = ecs.EcsClient.newBuilder().withCredential(cred).withEndpoint(opts.endpoint).build();
  const ListFlavorsRequest = ecs.ListFlavorsRequest as new () => unknown;
  const NovaListServersDetailsRequest = ecs.NovaListServersDetailsRequest as new () => {
    withLimit(n: number): { withMarker(m: string): unknown };
  };
  return {
    client,
    requests: {
      listFlavors: () => new ListFlavorsRequest(),
      novaListServersDetails: (limit, marker) => {
        const r = new NovaListServersDetailsRequest().withLimit(limit);
        return marker === undefined ? r : r.withMarker(marker);
      },
    },
  };
}
