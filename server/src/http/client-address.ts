import { isIP } from 'node:net';

/**
 * The key a caller's address is limited under (the per-address budgets of
 * limits/rate-limit.plugin.ts and auth/token-throttle.ts). An IPv4 address is
 * itself. An IPv6 address counts by its /64: a subscriber is given at least a
 * /64 and picks the rest of the address freely (privacy addresses rotate it on
 * their own), so counting whole addresses would give every IPv6 caller 2^64
 * budgets. An IPv4 address written as IPv6 (`::ffff:192.0.2.1`, how a
 * dual-stack socket reports IPv4 callers) is the IPv4 address.
 */
export function addressKey(address: string): string {
  const bare = address.split('%')[0]; // a link-local zone (`fe80::1%eth0`) is not part of the address
  if (isIP(bare) !== 6) return address;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}
