/**
 * Nova quota sets (§6.10.2/6.10.3).
 */

/** A quota set; fields marked "not supported" by the doc may still appear. */
export interface QuotaSet {
  id: string;
  cores: number;
  fixed_ips?: number;
  floating_ips?: number;
  injected_file_content_bytes: number;
  injected_file_path_bytes?: number;
  injected_files: number;
  instances: number;
  key_pairs?: number;
  metadata_items: number;
  /** MB. */
  ram: number;
  security_group_rules?: number;
  security_groups?: number;
  server_groups: number;
  server_group_members: number;
}

/** Result of GET .../os-quota-sets/{project_id}[/defaults]. */
export interface QuotaSetResult {
  quota_set: QuotaSet;
}

/** Query of GET .../os-quota-sets/{project_id}. */
export interface NovaShowQuotaSetQuery {
  user_id?: string;
}
