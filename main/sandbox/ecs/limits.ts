/**
 * ECS tenant limits (API Reference §5.7.1) and the instance/core/RAM quota check that create
 * (§5.1.1) and resize (§5.2.4) apply against the same numbers.
 */
import type { RequestContext } from '../context';
import { ecs } from '../faults';

/** Refuses a request that would take the project over its instance, core or RAM quota (Ecs.0001). */
export function checkServerQuota(
  ctx: RequestContext,
  add: { instances: number; cores: number; ram: number },
): void {
  const u = ctx.state.usage();
  const q = ctx.state.quotas;
  if (u.instances + add.instances > q.instances || u.cores + add.cores > q.cores || u.ram + add.ram > q.ram)
    throw ecs(
      'Ecs.0001',
      `Insufficient ECS quota: ${u.instances}/${q.instances} instances, ${u.cores}/${q.cores} cores, ${u.ram}/${q.ram} MB in use.`,
    );
}

/** GET .../cloudservers/limits (§5.7.1): maximums from the quotas, totals from the records. */
export function showLimits(ctx: RequestContext): void {
  const u = ctx.state.usage();
  const q = ctx.state.quotas;
  // The example's key spellings (maxServerMeta, maxTotalKeypairs) are what the SDK model reads (NOTES.md §19.2).
  ctx.ok({
    absolute: {
      maxTotalInstances: q.instances,
      maxTotalCores: q.cores,
      maxTotalRAMSize: q.ram,
      maxTotalKeypairs: q.key_pairs,
      maxServerMeta: q.metadata_items,
      maxPersonality: q.injected_files,
      maxPersonalitySize: q.injected_file_content_bytes,
      maxServerGroups: q.server_groups,
      maxServerGroupMembers: q.server_group_members,
      totalServerGroupsUsed: u.serverGroups,
      maxSecurityGroups: q.security_groups,
      maxSecurityGroupRules: q.security_group_rules,
      maxTotalFloatingIps: q.floating_ips,
      maxImageMeta: q.image_meta,
      totalInstancesUsed: u.instances,
      totalCoresUsed: u.cores,
      totalRAMUsed: u.ram,
      totalSecurityGroupsUsed: u.securityGroups,
      totalFloatingIpsUsed: u.floatingIps,
    },
  });
}
