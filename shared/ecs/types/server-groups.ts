/**
 * Server groups: ECS (§5.10) and Nova (§6.12).
 */
import type { PageInfo, StringMap } from './common';

/** A server group (§5.10; Nova adds project_id and user_id from 2.13). */
export interface ServerGroup {
  id: string;
  name: string;
  policies: string[];
  members: string[];
  metadata: StringMap;
  project_id?: string;
  user_id?: string;
}

/** Body of the server group creates (§5.10.1/6.12.1). */
export interface CreateServerGroupBody {
  server_group: { name: string; policies: Array<'anti-affinity' | string> };
}

/** Result of create/show server group. */
export interface ServerGroupResult {
  server_group: ServerGroup;
}

/** Body of the add_member action (§5.10.3). */
export interface AddServerGroupMemberBody {
  add_member: { instance_uuid: string };
}

/** Body of the remove_member action (§5.10.4). */
export interface RemoveServerGroupMemberBody {
  remove_member: { instance_uuid: string };
}

/** Query of GET /v1/{project_id}/cloudservers/os-server-groups: limit and marker go together. */
export interface ListServerGroupsQuery {
  limit?: number;
  marker?: string;
}

/** Result of GET /v1/{project_id}/cloudservers/os-server-groups (§5.10.5). */
export interface ListServerGroupsResult {
  server_groups: ServerGroup[];
  page_info?: PageInfo;
}

/** Query of GET /v2.1/{project_id}/os-server-groups (table missing; upstream-nova names). */
export interface NovaListServerGroupsQuery {
  all_projects?: boolean;
  limit?: number;
  offset?: number;
}

/** Result of GET /v2.1/{project_id}/os-server-groups (§6.12.2). */
export interface NovaListServerGroupsResult {
  server_groups: ServerGroup[];
}
