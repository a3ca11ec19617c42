/**
 * NIC rules the API enforces, checked before sending: fixed IPs are IPv4 addresses inside the
 * subnet's CIDR, at most 12 NICs per call, never the primary NIC.
 */
import type { NicView } from '../../../../shared/ipc/views';

/** The most NICs one add or delete call takes. */
export const MAX_NICS_PER_CALL = 12;

const ipv4 = (ip: string): number | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
};

/** True when `ip` lies inside `cidr` (IPv4 only). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base ?? '');
  const bits = Number(bitsText);
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

/** The inline error for an optional fixed IP in a subnet, or undefined when it is fine. */
export function fixedIpError(ip: string, cidr: string | undefined): string | undefined {
  if (!ip.trim()) return undefined;
  if (ipv4(ip) === undefined) return 'Enter an IPv4 address like 192.168.0.10, or leave it empty.';
  if (cidr && !ipInCidr(ip, cidr)) return `The address is not in the subnet ${cidr}.`;
  return undefined;
}

/** Why a NIC cannot be deleted, or undefined when it can. */
export function nicDeleteBlockedReason(n: Pick<NicView, 'primary'>): string | undefined {
  return n.primary ? 'Primary NIC: the API never deletes the primary NIC of a server.' : undefined;
}
