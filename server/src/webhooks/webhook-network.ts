import { lookup as dnsLookup, LookupAllOptions } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Bilingual } from '../graphql/user-errors';
import { words } from '../words';

/**
 * Where webhooks may go (docs/adr/0012-webhooks.md, "SSRF"). In production an
 * endpoint must be https, and every address its host resolves to must be
 * public: a subscriber must not be able to make Aduan's servers POST into
 * their own network (the database, cloud metadata at 169.254.169.254, an
 * admin port on localhost). Checked when a subscription is saved (the URL) and
 * again at every attempt (the addresses, at connect time, so a DNS answer that
 * changes between the check and the connection cannot slip through).
 * Outside production, http to this machine is allowed, for local receivers.
 */
export function webhooksInProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export const MAX_URL_LENGTH = 2048;

/**
 * Which addresses are public is decided by ipaddr.js's range names (IANA's
 * special-purpose registries, kept up to date by its maintainers), not by a
 * list of our own: only `unicast` is the internet. Forms that carry an IPv4
 * address in their last 32 bits and reach it by translation on the way are
 * judged by that IPv4 address: IPv4-mapped (`::ffff:a.b.c.d`, which the
 * kernel connects to over IPv4), IPv4-translated (`::ffff:0:a.b.c.d`, SIIT)
 * and NAT64's well-known prefix (`64:ff9b::a.b.c.d`, what DNS64 answers on an
 * IPv6-only network, so a public host behind it must stay reachable).
 * Refused whatever they carry: local-use NAT64 (`64:ff9b:1::/48`, local by
 * definition, ipaddr.js's `rfc6052` too), 6to4 and Teredo (tunnels through a
 * relay, both deprecated; the embedded address is a relay's or obfuscated),
 * and IPv4-compatible addresses (`::a.b.c.d`, deprecated since RFC 4291,
 * which ipaddr.js 2 calls `unicast`: `::7f00:1` passed the old filter).
 */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96') as [ipaddr.IPv6, number];
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number];
const CARRYING_IPV4 = new Set(['ipv4Mapped', 'rfc6145']);

/** Whether an address is on the public internet (not private, loopback, link-local, reserved, multicast, a tunnel or a translation of one of those). */
export function isPublicAddress(address: string): boolean {
  // Only the canonical forms node:net accepts: `2130706433` or `0x7f.1` are not addresses here (ipaddr.js would parse them).
  if (isIP(address) === 0) return false;
  return isPublic(ipaddr.parse(address));
}

function isPublic(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (CARRYING_IPV4.has(range) || (range === 'rfc6052' && v6.match(NAT64_WELL_KNOWN))) return isPublic(embeddedIpv4(v6));
  return range === 'unicast' && !v6.match(IPV4_COMPATIBLE);
}

/** The last 32 bits as an IPv4 address. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  return new ipaddr.IPv4(address.toByteArray().slice(12));
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A URL's host without IPv6 brackets, lower-case. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/**
 * Whether a subscription may point at this URL: null when it may, else why not.
 * Addresses behind a name are checked at delivery (connect time), not here.
 */
export function refuseWebhookUrl(raw: string, production: boolean): Bilingual | null {
  if (raw.length < 1 || raw.length > MAX_URL_LENGTH) return words('webhooks.urlLength', { max: MAX_URL_LENGTH });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return words('webhooks.urlInvalid');
  }
  if (url.username || url.password) {
    return words('webhooks.urlCredentials');
  }
  if (url.hash) return words('webhooks.urlFragment');
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:') {
    if (!production) return null;
    const bare = bareHostname(url);
    if (host === 'localhost' || host.endsWith('.localhost') || (isIP(bare) !== 0 && !isPublicAddress(bare))) {
      return words('webhooks.urlNotPublic');
    }
    return null;
  }
  if (url.protocol === 'http:' && !production && LOOPBACK_HOSTS.has(host)) return null;
  return production
    ? words('webhooks.urlHttps')
    : words('webhooks.urlHttpsOrLocal');
}

/** Thrown from the lookup hook when the host resolves to an address that is not public. */
export class AddressNotAllowedError extends Error {
  readonly code = 'ADDRESS_NOT_ALLOWED';
  constructor(readonly address: string) {
    super(`the host resolves to ${address}, which is not a public address`);
  }
}

/**
 * A `lookup` for http(s).request that refuses, when private addresses are not
 * allowed, a host any of whose addresses is not public: the check happens on
 * the very answer the socket then connects to.
 */
export function guardedLookup(allowPrivateAddresses: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = allowPrivateAddresses ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused) return callback(new AddressNotAllowedError(refused.address), []);
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
