import { describe, expect, it } from 'vitest';
import { ResolutionDecision, Tier, TimeZone } from '../../server/src/common/enums';
import { APPEAL_WINDOW_DAYS } from '../../server/src/complaints/reopen-complaint';
import { isGsm7, NotificationParams, renderNotification, SMS_MAX_LENGTH } from '../../server/src/notifications/notification-words';
import { endOfQuietHours } from '../../server/src/notifications/quiet-hours';
import { NotificationKind } from '../../server/src/notifications/transport';

/** The longest date formatLocalDateTime writes: a two-digit day of the longest month name, in WITA. */
function worstDate(): string {
  const year = new Date().getUTCFullYear() + 1;
  return new Date(Date.UTC(year, 8, 30, 15, 59)).toISOString(); // 30 September, 23.59 WITA
}

/** Every parameter at its longest: the longest tier and decision names, a PIN, a long public message. */
function worstParams(kind: NotificationKind, merged: boolean): NotificationParams {
  const longest = <T extends string>(values: T[], word: (v: T) => string) => values.reduce((a, b) => (word(b).length > word(a).length ? b : a));
  return {
    tier: longest(Object.values(Tier), (t) => t),
    verifyBy: worstDate(),
    pin: '999999',
    message: 'Mohon kirimkan foto buku tabungan KKS dan surat keterangan dari desa. '.repeat(40),
    decision: ResolutionDecision.REDIRECTED,
    resolvedAt: worstDate(),
    archived: kind === NotificationKind.REJECTED && !merged,
    merged,
  };
}

const TRACKERS = [null, 'https://aduan-bansos.kemensos.go.id/lacak?kode={code}', `https://${'a'.repeat(120)}.go.id/{code}`];

describe('notification words', () => {
  for (const kind of Object.values(NotificationKind)) {
    for (const locale of ['id', 'en'] as const) {
      it(`${kind} (${locale}): an SMS within 160 GSM-7 characters naming the code, with every parameter at its longest`, () => {
        for (const trackerUrl of TRACKERS) {
          for (const merged of [false, true]) {
            for (const tier of Object.values(Tier)) {
              for (const decision of Object.values(ResolutionDecision)) {
                const texts = renderNotification({
                  kind, locale, trackingCode: 'ADU-WWWW-WWWW', zone: TimeZone.WITA, params: { ...worstParams(kind, merged), tier, decision }, trackerUrl,
                  appealWindowDays: APPEAL_WINDOW_DAYS,
                });
                expect(texts.sms.length, texts.sms).toBeLessThanOrEqual(SMS_MAX_LENGTH);
                expect(isGsm7(texts.sms), texts.sms).toBe(true);
                expect(texts.sms).toContain('ADU-WWWW-WWWW');
                expect(texts.subject).toContain('ADU-WWWW-WWWW');
                expect(texts.text).toContain('ADU-WWWW-WWWW');
                expect(texts.template.name).toMatch(/^aduan_[a-z_]+$/);
                expect(texts.template.name.startsWith(`aduan_${kind.toLowerCase()}`)).toBe(true);
                expect(texts.template.language).toBe(locale);
                expect(texts.template.parameters[0]).toBe('ADU-WWWW-WWWW');
                // WhatsApp refuses empty parameters, new lines and tabs in them, and more than 1024 characters.
                for (const parameter of texts.template.parameters) {
                  expect(parameter.length).toBeGreaterThan(0);
                  expect(parameter.length).toBeLessThanOrEqual(1024);
                  expect(parameter).not.toMatch(/[\n\t]| {5}/);
                }
              }
            }
          }
        }
      });
    }
  }

  it('names tiers as people know them, dates in the complainant\'s zone, decisions in words; the PIN as "PIN: 123456"', () => {
    const resolvedAt = worstDate();
    const resolved = renderNotification({
      kind: NotificationKind.RESOLVED, locale: 'id', trackingCode: 'ADU-7K3M-9Q2X', zone: TimeZone.WITA, appealWindowDays: 30,
      params: { decision: ResolutionDecision.NOT_UPHELD, resolvedAt },
    });
    expect(resolved.text).toContain('pengaduan Anda tidak terbukti');
    expect(resolved.text).toMatch(/banding di sana dalam 30 hari, paling lambat 30 Oktober \d{4} pukul 23\.59 WITA/);
    const escalated = renderNotification({ kind: NotificationKind.ESCALATED, locale: 'id', trackingCode: 'ADU-7K3M-9Q2X', zone: TimeZone.WIB, appealWindowDays: 30, params: { tier: Tier.DISTRICT } });
    expect(escalated.sms).toBe('Aduan ADU-7K3M-9Q2X kini ditangani oleh Dinas Sosial kabupaten/kota.');
    const ack = renderNotification({
      kind: NotificationKind.ACKNOWLEDGED, locale: 'en', trackingCode: 'ADU-7K3M-9Q2X', zone: TimeZone.WIT, appealWindowDays: 30,
      params: { tier: Tier.VILLAGE, verifyBy: resolvedAt, pin: '123456' },
    });
    expect(ack.sms).toContain('PIN: 123456');
    expect(ack.template).toEqual({ name: 'aduan_acknowledged_pin', language: 'en', parameters: ['ADU-7K3M-9Q2X', expect.stringMatching(/ WIT$/), '123456'] });
    const noPin = renderNotification({ kind: NotificationKind.ACKNOWLEDGED, locale: 'id', trackingCode: 'ADU-7K3M-9Q2X', zone: TimeZone.WIB, appealWindowDays: 30, params: { verifyBy: resolvedAt } });
    expect(noPin.template.name).toBe('aduan_acknowledged');
    expect(noPin.text).not.toContain('PIN');
  });

  it('quiet hours: 21:00–06:00 in each zone', () => {
    const day = Date.UTC(new Date().getUTCFullYear() + 1, 0, 15);
    const at = (hh: number, mm: number, offset: number) => new Date(day + (hh - offset) * 3_600_000 + mm * 60_000);
    expect(endOfQuietHours(at(20, 59, 7), TimeZone.WIB)).toBeNull();
    expect(endOfQuietHours(at(21, 0, 7), TimeZone.WIB)).toEqual(new Date(day + 86_400_000 + (6 - 7) * 3_600_000));
    expect(endOfQuietHours(at(5, 59, 8), TimeZone.WITA)).toEqual(at(6, 0, 8));
    expect(endOfQuietHours(at(6, 0, 9), TimeZone.WIT)).toBeNull();
    // One instant: 22:30 WIB is 23:30 WITA and 00:30 WIT; the morning comes an hour apart in each.
    const instant = at(22, 30, 7);
    expect(endOfQuietHours(instant, TimeZone.WITA)!.getTime()).toBe(endOfQuietHours(instant, TimeZone.WIB)!.getTime() - 3_600_000);
    expect(endOfQuietHours(instant, TimeZone.WIT)!.getTime()).toBe(endOfQuietHours(instant, TimeZone.WIB)!.getTime() - 2 * 3_600_000);
  });
});
