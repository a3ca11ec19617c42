/**
 * Tags: 2D key/value tags of the ECS API (§5.9) and 1D Nova tags (§6.15, microversion 2.26).
 */

/** A 2D tag. */
export interface ResourceTag {
  key: string;
  value: string;
}

/** A tag filter of listServersByTag (§5.9.2): `values` absent = any value; values are OR-ed. */
export interface TagFilter {
  key: string;
  values?: string[];
}

/** Body of POST /v1/{project_id}/cloudservers/resource_instances/action (§5.9.2). */
export interface ListServersByTagBody {
  action: 'filter' | 'count';
  tags?: TagFilter[];
  not_tags?: TagFilter[];
  /** A String on the wire (§6 pagination). */
  limit?: string;
  /** A String on the wire, in items. */
  offset?: string;
  matches?: Array<{ key: 'resource_name'; value: string }>;
}

/** One resource of a filter answer (§5.9.2). */
export interface TaggedResource {
  resource_id: string;
  resource_detail: string;
  tags: ResourceTag[];
  resource_name: string;
}

/** Result of listServersByTag: `resources` with action=filter, only `total_count` with count. */
export interface ListServersByTagResult {
  resources?: TaggedResource[];
  total_count: number;
}

/** Body of the create tags action (§5.9.3). */
export interface BatchCreateServerTagsBody {
  action: 'create';
  tags: ResourceTag[];
}

/** Body of the delete tags action (§5.9.4). */
export interface BatchDeleteServerTagsBody {
  action: 'delete';
  tags: Array<{ key: string; value?: string }>;
}

/** Result of GET /v1/{project_id}/cloudservers/tags (§5.9.5). */
export interface ListProjectTagsResult {
  tags: Array<{ key: string; values: string[] }>;
}

/** Result of GET /v1/{project_id}/cloudservers/{server_id}/tags (§5.9.6). */
export interface ListServerTagsResult {
  tags: ResourceTag[];
}

/** Body and result of the Nova tag list APIs (§6.15.1/6.15.2): `key=value` or `key`. */
export interface NovaTagsDoc {
  tags: string[];
}

/** JSON form of the 201 answer of PUT .../tags/{tag} (§6.15.4; by default it is an HTML page). */
export type NovaAddServerTagResult = { message: string; code: string; title: string } | string | undefined;
