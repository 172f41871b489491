import { describe, expect, it } from 'vitest';
import { guardedLookup, isPublicAddress, refuseWebhookUrl, webhooksInProduction } from '../../server/src/webhooks/webhook-network';
import { ATTEMPTS_PER_DELIVERY, RETRY_DELAYS_MS, retryDelayMs } from '../../server/src/webhooks/retry-schedule';

/** Where webhooks may go (SSRF), and when they are retried: pure rules, no database. */
describe('addresses a webhook may reach in production', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1',
    '64:ff9b::a00:1', '2002:a00:1::1', 'ff02::1', 'not-an-address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  // Issue 15, finding 8: IPv4 inside IPv6 (compatible, translated, NAT64, 6to4, Teredo) and IPv6 ranges that are not the internet.
  it.each([
    ['::7f00:1', 'IPv4-compatible 127.0.0.1'], ['::127.0.0.1', 'IPv4-compatible, dotted'], ['::a00:1', 'IPv4-compatible 10.0.0.1'], ['::808:808', 'IPv4-compatible, even of a public address'],
    ['::ffff:0:7f00:1', 'IPv4-translated 127.0.0.1'], ['::ffff:0:a9fe:a9fe', 'IPv4-translated 169.254.169.254'], ['::ffff:a9fe:a9fe', 'IPv4-mapped 169.254.169.254'],
    ['64:ff9b::7f00:1', 'NAT64 127.0.0.1'], ['64:ff9b::a9fe:a9fe', 'NAT64 169.254.169.254'], ['64:ff9b:1::808:808', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of 127.0.0.1'], ['2002:808:808::1', '6to4, even of a public address'], ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:20::1', 'ORCHIDv2'], ['2001:10::1', 'ORCHID'], ['5f00::1', 'SRv6 SIDs (5f00::/16)'], ['3fff::1', 'documentation (3fff::/20)'], ['2001:db8::1', 'documentation'],
    ['100::1', 'discard-only'], ['2001:2::1', 'benchmarking'], ['fec0::1', 'site-local'], ['fe80::1%eth0', 'link-local with a zone'],
    ['198.18.0.1', 'benchmarking'], ['192.0.0.8', 'IETF protocol assignments'], ['192.88.99.1', '6to4 relay anycast'], ['240.0.0.1', 'reserved'],
    ['2130706433', 'a number, not an address'], ['0x7f.1', 'a legacy IPv4 form, not an address'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '103.10.20.30', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '2404:6800:4003:c00::64', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808', '::ffff:0:808:808'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('the lookup hook refuses a name that resolves to loopback, and passes it when private addresses are allowed', async () => {
    const resolve = (allow: boolean) => new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) => {
      guardedLookup(allow)('localhost', { all: true }, (error, address) => done({ error, address }));
    });
    const refused = await resolve(false);
    expect(refused.error).toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
    const allowed = await resolve(true);
    expect(allowed.error).toBeNull();
    expect((allowed.address as { address: string }[]).length).toBeGreaterThan(0);
  });
});

describe('subscription URLs', () => {
  it('production: https to a public host only', () => {
    expect(refuseWebhookUrl('https://sistem.dinsos.bandung.go.id/aduan/webhook', true)).toBeNull();
    expect(refuseWebhookUrl('https://203.0.114.9:8443/hook', true)).toBeNull();
    expect(refuseWebhookUrl('https://[2001:4860:4860::8888]/hook', true)).toBeNull();
    for (const url of [
      'http://sistem.dinsos.bandung.go.id/hook', 'https://localhost/hook', 'https://api.localhost/hook', 'https://127.0.0.1/hook', 'https://[::1]/hook',
      'https://10.1.2.3/hook', 'https://169.254.169.254/latest/meta-data', 'http://127.0.0.1:4000/hook', 'ftp://example.go.id/hook',
      'https://[::7f00:1]/', 'https://[::127.0.0.1]/', 'https://[::ffff:0:7f00:1]/', 'https://[::ffff:0:a9fe:a9fe]/', 'https://[64:ff9b::a9fe:a9fe]/',
      'https://[2002:7f00:1::1]/', 'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'https://[2001:20::1]/', 'https://[5f00::1]/', 'https://[3fff::1]/',
      'https://2130706433/hook', 'https://0x7f.1/hook', 'https://0177.0.0.1/hook',
    ]) {
      expect(refuseWebhookUrl(url, true), url).not.toBeNull();
    }
  });

  it('outside production: https anywhere, and http to this machine for local receivers', () => {
    for (const url of ['https://example.go.id/hook', 'http://localhost:3000/hook', 'http://127.0.0.1:8080/aduan', 'http://[::1]:8080/aduan', 'https://10.1.2.3/hook']) {
      expect(refuseWebhookUrl(url, false), url).toBeNull();
    }
    for (const url of ['http://example.go.id/hook', 'http://10.1.2.3/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '']) {
      expect(refuseWebhookUrl(url, false), url).not.toBeNull();
    }
  });

  it('never credentials or a fragment in the URL, never longer than 2048 characters', () => {
    expect(refuseWebhookUrl('https://user:secret@example.go.id/hook', false)?.en).toMatch(/user name or password/);
    expect(refuseWebhookUrl('https://example.go.id/hook#part', false)?.en).toMatch(/fragment/);
    expect(refuseWebhookUrl(`https://example.go.id/${'a'.repeat(2030)}`, false)?.en).toMatch(/2048/);
  });

  it('production is NODE_ENV=production, as for the server', () => {
    expect(webhooksInProduction({ NODE_ENV: 'production' })).toBe(true);
    expect(webhooksInProduction({ NODE_ENV: 'development' })).toBe(false);
    expect(webhooksInProduction({})).toBe(false);
  });
});

describe('the retry schedule', () => {
  it('eight attempts over more than a day, whatever the jitter', () => {
    expect(ATTEMPTS_PER_DELIVERY).toBe(8);
    const span = (random: number) => Array.from({ length: ATTEMPTS_PER_DELIVERY - 1 }, (_, i) => retryDelayMs(ATTEMPTS_PER_DELIVERY - 1 - i, random)).reduce((a, b) => a + b, 0);
    expect(span(0)).toBeGreaterThan(24 * 3_600_000);
    expect(span(0.999999)).toBeLessThan(31 * 3_600_000);
    expect(span(0.5)).toBe(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(span(0.5)).toBe(((27 * 60 + 35) * 60 + 10) * 1000); // 27 h 35 min 10 s
  });

  it('waits grow after each failure, each spread by at most ±10 %', () => {
    const waits = Array.from({ length: ATTEMPTS_PER_DELIVERY - 1 }, (_, i) => retryDelayMs(ATTEMPTS_PER_DELIVERY - 1 - i, 0.5));
    expect(waits).toEqual([10_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    for (const [i, wait] of waits.entries()) {
      expect(retryDelayMs(ATTEMPTS_PER_DELIVERY - 1 - i, 0)).toBe(Math.round(wait * 0.9));
      expect(retryDelayMs(ATTEMPTS_PER_DELIVERY - 1 - i, 1)).toBe(Math.round(wait * 1.1));
    }
    // A redelivery's series (enableWebhookSubscription with redeliverFailed) starts the schedule again: 7 attempts left → 10 s.
    expect(retryDelayMs(7, 0.5)).toBe(10_000);
  });
});
