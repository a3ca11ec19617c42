/**
 * Discarded Nova floating IPs (§11.5).
 */

/** A floating IP (§11.5). */
export interface NovaFloatingIp {
  id: string;
  ip: string;
  pool: string;
  fixed_ip: string | null;
  instance_id: string | null;
}

/** Body of POST .../os-floating-ips (§11.5.3; the example body is `{"pool":"external"}`). */
export interface NovaCreateFloatingIpBody {
  pool?: string;
}

/** Result of create/show floating IP. */
export interface NovaFloatingIpResult {
  floating_ip: NovaFloatingIp;
}

/** Result of GET .../os-floating-ips. */
export interface NovaListFloatingIpsResult {
  floating_ips: NovaFloatingIp[];
}

/** Result of GET .../os-floating-ip-pools. */
export interface NovaListFloatingIpPoolsResult {
  floating_ip_pools: Array<{ name: string }>;
}

/** Body of the addFloatingIp action (§11.5.1; 404 from microversion 2.44). */
export interface NovaAddFloatingIpBody {
  addFloatingIp: { address: string; fixed_address?: string };
}

/** Body of the removeFloatingIp action (§11.5.2). */
export interface NovaRemoveFloatingIpBody {
  removeFloatingIp: { address: string };
}
