/**
 * The shape of one row of the operation table: everything the request pipeline needs to call an
 * API operation, as data (style: octokit's endpoints table, Huawei's EcsMeta.java).
 */

/** HTTP methods used by the catalogue. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Which service endpoint (host) the operation goes to. */
export type Service = 'ecs' | 'iam' | 'vpc';

/** API family, as in operations.tsv (`iam` and `vpc` added for the adjacent calls). */
export type Family =
  'ecs-v1' | 'ecs-v1.1' | 'ecs-v2' | 'ecs-v2.1' | 'nova-v2.1' | 'nova-v1.0' | 'discarded' | 'iam' | 'vpc';

/**
 * How a list operation pages.
 * - `links`: Nova `limit`/`marker`, next page from `{itemsKey}_links[rel=next].href`'s marker.
 * - `marker`: `limit`/`marker`, next marker = last item's `idKey` (default `id`), stop on a short page.
 * - `page_info`: `limit`/`marker`, next marker from `page_info.next_marker` (VPC v1 style).
 * - `offset`: `limit`/`offset` (ECS resource_instances; offset counted in items), stop at `totalKey` or a short page.
 */
export type Pagination =
  | { kind: 'links'; itemsKey: string; linksKey: string }
  | { kind: 'marker'; itemsKey: string; idKey?: string; maxLimit?: number }
  | { kind: 'page_info'; itemsKey: string }
  | {
      kind: 'offset';
      itemsKey: string;
      totalKey?: string;
      maxLimit?: number;
      inBody?: boolean;
      /**
       * What `offset` counts: `item` (default; listServersByTag) or `page`, a 1-based page number
       * (GET /v1/{project_id}/cloudservers/detail, per the SDK's ListServersDetailsRequest).
       */
      offsetUnit?: 'item' | 'page';
    };

/**
 * How the operation completes.
 * - `sync`: the body is the result.
 * - `job`: the body carries `job_id`; poll `showJob`.
 * - `server-status`: no job id; the server changes status asynchronously (Nova actions, A.3).
 * - `none`: no body and no stated completion semantics.
 */
export type Completion = 'sync' | 'job' | 'server-status' | 'none';

/** One operation of the table. */
export interface OperationDef {
  /** Stable id (the catalogue's `id` column, e.g. `batchStopServers`). */
  readonly id: string;
  /** The official Node SDK's method name, where one exists. */
  readonly sdkName?: string;
  /** Section of the API reference, e.g. `5.3.3`. */
  readonly section?: string;
  readonly service: Service;
  readonly family: Family;
  readonly method: HttpMethod;
  /** Path template with `{param}` placeholders, e.g. `/v1/{project_id}/cloudservers/{server_id}`. */
  readonly path: string;
  /** Query parameter names the operation accepts (others are refused before sending). */
  readonly query?: readonly string[];
  readonly completion: Completion;
  /** Success statuses; anything else 2xx is still accepted, anything else is an error. */
  readonly successStatus?: readonly number[];
  /** The body key (or `action` value) that tells apart operations sharing one method and path. */
  readonly discriminator?: string;
  /** Where the discriminator lives: a top-level body `key` (default) or the body's `action` field. */
  readonly discriminatorKind?: 'key' | 'action';
  /**
   * The API document's path when the row sends the official SDK's path instead (what real
   * clients send), e.g. tags under /cloudservers/ rather than /servers/.
   */
  readonly docPath?: string;
  /** Nova microversion sent in both microversion headers, e.g. `2.26`; wins over the context's. */
  readonly microversion?: string;
  /**
   * Highest microversion the operation still works at (e.g. `2.5` for os-getConsoleOutput); a
   * higher context microversion is lowered to this one for this row.
   */
  readonly maxMicroversion?: string;
  readonly pagination?: Pagination;
  /**
   * Safe to re-send after it may have reached the server (GET, PUT, DELETE, and POSTs that only
   * read or that the API documents as idempotent). Non-idempotent POSTs are never blindly re-sent.
   */
  readonly idempotent: boolean;
  /** The operation accepts `X-Client-Token` for idempotent retries of a POST. */
  readonly clientToken?: boolean;
  /**
   * §11 discarded APIs: still callable, and kept in the table so the simulator and the SDK
   * comparison tests cover them. Nothing reads this flag at run time: the app calls four of them
   * (novaListVolumesDetail, novaCreateVolume, novaDeleteVolume for the Disks pane,
   * novaListImagesDetail for image choices) because the API reference this client is built from
   * has no current EVS or IMS operation; test/unit/ops.test.ts keeps the flag equal to the
   * `discarded` family.
   */
  readonly deprecated?: boolean;
}
