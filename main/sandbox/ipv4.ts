/**
 * IPv4 arithmetic for subnet address allocation and fixed-IP checks: dotted quads as unsigned
 * integers, CIDR bases and sizes.
 */
/** Parses `a.b.c.d/n` into a base integer and the number of addresses. */
export function parseCidr(cidr: string): { base: number; size: number; prefix: number } {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const base = (ipToInt(ip ?? '0.0.0.0') & ~(size - 1)) >>> 0;
  return { base, size, prefix };
}

/** Dotted quad -> unsigned integer (NaN for malformed input). */
export function ipToInt(ip: string): number {
  const p = ip.split('.');
  if (p.length !== 4) return NaN;
  let n = 0;
  for (const x of p) {
    if (!/^\d{1,3}$/.test(x) || Number(x) > 255) return NaN;
    n = n * 256 + Number(x);
  }
  return n >>> 0;
}

/** Unsigned integer -> dotted quad. */
export function intToIp(n: number): string {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** Whether an address lies inside a CIDR. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const n = ipToInt(ip);
  if (Number.isNaN(n)) return false;
  const { base, size } = parseCidr(cidr);
  return n >= base && n < base + size;
}
