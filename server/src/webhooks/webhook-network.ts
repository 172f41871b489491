import { lookup as dnsLookup, LookupAllOptions } from 'node:dns';
import { BlockList, isIP, LookupFunction } from 'node:net';
import type { Bilingual } from '../graphql/user-errors';

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

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // Unspecified, loopback; NAT64 and 6to4 (they embed an IPv4 address that may be private); documentation;
  // unique local, link-local, site-local, multicast.
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/** Whether an address is on the public internet (not private, loopback, link-local, reserved or multicast). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  if (IPV4_MAPPED.check(address, 'ipv6')) return isPublicAddress(mappedIpv4(address));
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/** `::ffff:7f00:1` or `::ffff:127.0.0.1` → `127.0.0.1`. */
function mappedIpv4(address: string): string {
  const tail = address.slice(address.lastIndexOf(':') + 1);
  if (isIP(tail) === 4) return tail;
  const normalized = new URL(`http://[${address}]/`).hostname.slice(1, -1); // [::ffff:7f00:1]
  const [high, low] = normalized.split(':').slice(-2).map((group) => parseInt(group, 16));
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
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
  if (raw.length < 1 || raw.length > MAX_URL_LENGTH) return { id: `URL harus 1–${MAX_URL_LENGTH} karakter.`, en: `url must be 1–${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { id: 'URL tidak valid; contoh: https://contoh.go.id/aduan/webhook.', en: 'url is not a URL; e.g. https://example.go.id/aduan/webhook.' };
  }
  if (url.username || url.password) {
    return { id: 'URL tidak boleh memuat nama pengguna atau kata sandi; verifikasi pengirim dengan tanda tangan.', en: 'url must not carry a user name or password; authenticate deliveries with the signature.' };
  }
  if (url.hash) return { id: 'URL tidak boleh memuat fragmen (#…).', en: 'url must not have a fragment (#…).' };
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:') {
    if (!production) return null;
    const bare = bareHostname(url);
    if (host === 'localhost' || host.endsWith('.localhost') || (isIP(bare) !== 0 && !isPublicAddress(bare))) {
      return { id: 'URL harus menuju alamat publik; alamat lokal atau jaringan privat tidak diizinkan.', en: 'url must point to a public address; loopback and private networks are refused.' };
    }
    return null;
  }
  if (url.protocol === 'http:' && !production && LOOPBACK_HOSTS.has(host)) return null;
  return production
    ? { id: 'URL harus memakai https.', en: 'url must use https.' }
    : { id: 'URL harus memakai https (http hanya untuk localhost atau 127.0.0.1 di luar produksi).', en: 'url must use https (http only to localhost or 127.0.0.1 outside production).' };
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
