/**
 * Nova networks and server IPs (§6.4).
 */

/** A network of os-networks (§6.4.1); everything but id and label is null. */
export interface NovaNetwork {
  id: string;
  label: string;
  broadcast: string | null;
  cidr: string | null;
  cidr_v6: string | null;
  dns1: string | null;
  dns2: string | null;
  gateway: string | null;
  gateway_v6: string | null;
  netmask: string | null;
  netmask_v6: string | null;
  bridge: string | null;
}

/** Result of GET /v2.1/{project_id}/os-networks. */
export interface NovaListNetworksResult {
  networks: NovaNetwork[];
}

/** One IP of a server (§6.4.2). */
export interface NovaServerIp {
  version: 4 | 6;
  addr: string;
}

/** Result of GET .../servers/{server_id}/ips. */
export interface NovaListServerIpsResult {
  addresses: Record<string, NovaServerIp[]>;
}

/** Result of GET .../servers/{server_id}/ips/{networkName}: one key, the network name. */
export type NovaServerIpsByNetworkResult = Record<string, NovaServerIp[]>;
