import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResolutionDecision, Tier } from '../../server/src/common/enums';
import {
  NotificationParams, renderNotification, templateParameterCount, WHATSAPP_TEMPLATES, whatsappTemplatesMarkdown,
} from '../../server/src/notifications/notification-words';
import { NotificationKind } from '../../server/src/notifications/transport';

/**
 * The WhatsApp templates an operator registers with Meta must be the ones
 * Aduan sends: same name, same language, as many parameters as the body has.
 * Meta refuses a message whose parameters do not fit its template (132000), so
 * a mismatch here would make every such message fail in production.
 */
const CASES: [NotificationKind, NotificationParams][] = [
  [NotificationKind.ACKNOWLEDGED, { tier: Tier.VILLAGE, verifyBy: new Date().toISOString() }],
  [NotificationKind.ACKNOWLEDGED, { tier: Tier.DISTRICT, verifyBy: new Date().toISOString(), pin: '123456' }],
  [NotificationKind.INFORMATION_REQUESTED, { message: 'Mohon kirim foto KKS.' }],
  [NotificationKind.PUBLIC_RESPONSE, { message: 'Sedang kami periksa.' }],
  [NotificationKind.ESCALATED, { tier: Tier.PROVINCE }],
  [NotificationKind.RESOLVED, { decision: ResolutionDecision.UPHELD, resolvedAt: new Date().toISOString(), message: 'Sudah disalurkan.' }],
  [NotificationKind.RESOLVED, { decision: ResolutionDecision.NOT_UPHELD, resolvedAt: new Date().toISOString(), merged: true }],
  [NotificationKind.CLOSED, { decision: ResolutionDecision.UPHELD }],
  [NotificationKind.REJECTED, { message: 'Di luar kewenangan.' }],
  [NotificationKind.REJECTED, { archived: true }],
  [NotificationKind.MERGED, {}],
  [NotificationKind.REPLY_RECEIVED, {}],
];

describe('WhatsApp templates', () => {
  it('every message Aduan sends names a template it lists, in its language, with as many parameters as the body takes', () => {
    const used = new Set<string>();
    for (const [kind, params] of CASES) {
      for (const locale of ['id', 'en'] as const) {
        const { template } = renderNotification({ kind, locale, trackingCode: 'ADU-7K3M-9Q2X', zone: 'WIB' as never, params, appealWindowDays: 30 });
        const body = WHATSAPP_TEMPLATES[template.name]?.[locale];
        expect(body, `${template.name} (${locale})`).toBeDefined();
        expect(template.language).toBe(locale);
        expect(template.parameters, `${template.name} (${locale})`).toHaveLength(templateParameterCount(body));
        used.add(template.name);
      }
    }
    // And every template listed is one Aduan sends: none registered for nothing.
    expect([...used].sort()).toEqual(Object.keys(WHATSAPP_TEMPLATES).sort());
  });

  it('each body numbers its parameters 1…n, the same in both languages, none at the very start or end (Meta refuses those)', () => {
    for (const [name, bodies] of Object.entries(WHATSAPP_TEMPLATES)) {
      const count = templateParameterCount(bodies.id);
      expect(templateParameterCount(bodies.en), name).toBe(count);
      for (const body of [bodies.id, bodies.en]) {
        for (let n = 1; n <= count; n += 1) expect(body, `${name}: {{${n}}}`).toContain(`{{${n}}}`);
        expect(body, name).not.toMatch(/^\s*\{\{\d+\}\}|\{\{\d+\}\}\s*$/);
        expect(body.length, name).toBeLessThanOrEqual(1024); // Meta's limit for a template body
      }
    }
  });

  it('docs/whatsapp-templates.md is what the code sends (regenerate: npm run notifications:templates)', () => {
    const file = readFileSync(path.join(__dirname, '../../docs/whatsapp-templates.md'), 'utf8');
    expect(file).toBe(whatsappTemplatesMarkdown());
  });
});
