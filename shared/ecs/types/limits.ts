/**
 * Limits: ECS (§5.7.1) and Nova (§6.10.1).
 */

/**
 * `absolute` of GET /v1/{project_id}/cloudservers/limits. The table says maxServerMetadata and
 * maxTotalKeyPairs, the example (and the SDK model) maxServerMeta and maxTotalKeypairs: both are
 * typed optional so either spelling parses.
 */
export interface EcsAbsoluteLimits {
  maxTotalInstances: number;
  maxTotalCores: number;
  /** MB. */
  maxTotalRAMSize: number;
  maxTotalKeypairs?: number;
  maxTotalKeyPairs?: number;
  maxServerMeta?: number;
  maxServerMetadata?: number;
  maxPersonality: number;
  maxPersonalitySize: number;
  maxServerGroups: number;
  maxServerGroupMembers: number;
  totalServerGroupsUsed: number;
  maxSecurityGroups: number;
  maxSecurityGroupRules: number;
  maxTotalFloatingIps: number;
  maxImageMeta: number;
  totalInstancesUsed: number;
  totalCoresUsed: number;
  /** MB. */
  totalRAMUsed: number;
  totalSecurityGroupsUsed: number;
  totalFloatingIpsUsed: number;
}

/** Result of GET /v1/{project_id}/cloudservers/limits. */
export interface ShowServerLimitsResult {
  absolute: EcsAbsoluteLimits;
}

/** `absolute` of the Nova limits (typed String in the table, integers in the example); -1 = no limit. */
export type NovaAbsoluteLimits = Record<
  | 'maxServerMeta'
  | 'maxPersonality'
  | 'totalServerGroupsUsed'
  | 'maxImageMeta'
  | 'maxPersonalitySize'
  | 'maxTotalRAMSize'
  | 'maxTotalKeypairs'
  | 'maxServerGroups'
  | 'totalCoresUsed'
  | 'totalRAMUsed'
  | 'maxSecurityGroups'
  | 'totalFloatingIpsUsed'
  | 'totalInstancesUsed'
  | 'totalSecurityGroupsUsed'
  | 'maxTotalFloatingIps'
  | 'maxTotalInstances'
  | 'maxTotalCores'
  | 'maxServerGroupMembers',
  number | string
> & { maxSecurityGroupRules?: number | string };

/** Result of GET /v2.1/{project_id}/limits (§6.10.1). */
export interface NovaShowLimitsResult {
  limits: { rate: unknown[]; absolute: NovaAbsoluteLimits };
}

/** Query of the Nova limits. */
export interface NovaShowLimitsQuery {
  project_id?: string;
}
