import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { NotificationChannel } from '../../server/src/notifications/transport';
import { closeTransports, transportsFromConfig } from '../../server/src/notifications/transports';
import { startSmsGatewayStandIn, type SmsGatewayStandIn } from '../support/sms-gateway-stand-in';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { startWhatsAppCloudStandIn, type WhatsAppCloudStandIn } from '../support/whatsapp-cloud-stand-in';
import { EMAIL, outgoing, PHONE_DIGITS } from './messages';

/** From the environment to a message at each provider: what the server does at start. */
let smtp: SmtpTestServer;
let wa: WhatsAppCloudStandIn;
let sms: SmsGatewayStandIn;

beforeAll(async () => {
  [smtp, wa, sms] = await Promise.all([startSmtpTestServer(), startWhatsAppCloudStandIn(), startSmsGatewayStandIn()]);
});
afterAll(async () => {
  await Promise.all([smtp.close(), wa.close(), sms.close()]);
});

describe('transportsFromConfig', () => {
  it('builds one transport per configured channel, each sending to its provider', async () => {
    const config = loadConfig({
      NOTIFY_SMTP_URL: smtp.url,
      NOTIFY_EMAIL_FROM: 'noreply@aduan.test',
      NOTIFY_WHATSAPP_API_URL: wa.url,
      NOTIFY_WHATSAPP_API_VERSION: wa.apiVersion,
      NOTIFY_WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      NOTIFY_WHATSAPP_TOKEN: wa.accessToken,
      NOTIFY_SMS_API_URL: sms.url,
      NOTIFY_SMS_API_KEY: sms.apiKey,
      NOTIFY_SMS_SENDER: 'KEMENSOS',
    });
    const transports = transportsFromConfig(config.notifications);
    try {
      expect(Object.keys(transports).sort()).toEqual(['EMAIL', 'SMS', 'WHATSAPP']);
      for (const channel of [NotificationChannel.EMAIL, NotificationChannel.WHATSAPP, NotificationChannel.SMS]) {
        expect(transports[channel]!.channel).toBe(channel);
        expect(await transports[channel]!.send(outgoing(channel))).toMatchObject({ outcome: 'SENT' });
      }
      expect((await smtp.waitFor(1))[0]!.to).toEqual([EMAIL]);
      expect((await wa.waitFor(1))[0]!.to).toBe(PHONE_DIGITS);
      expect((await sms.waitFor(1))[0]!.to).toBe(PHONE_DIGITS);
    } finally {
      await closeTransports(transports);
    }
  });

  it('a channel without its settings has no transport', () => {
    const transports = transportsFromConfig(loadConfig({ NOTIFY_SMS_API_URL: sms.url, NOTIFY_SMS_API_KEY: sms.apiKey, NOTIFY_SMS_SENDER: 'KEMENSOS' }).notifications);
    expect(Object.keys(transports)).toEqual(['SMS']);
    expect(transportsFromConfig(loadConfig({}).notifications)).toEqual({});
  });

  it('a transport logged or serialised by mistake shows no password, token or key', async () => {
    const transports = transportsFromConfig(
      loadConfig({
        NOTIFY_SMTP_URL: smtp.url,
        NOTIFY_EMAIL_FROM: 'noreply@aduan.test',
        NOTIFY_WHATSAPP_API_URL: wa.url,
        NOTIFY_WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
        NOTIFY_WHATSAPP_TOKEN: wa.accessToken,
        NOTIFY_SMS_API_URL: sms.url,
        NOTIFY_SMS_API_KEY: sms.apiKey,
        NOTIFY_SMS_SENDER: 'KEMENSOS',
      }).notifications,
    );
    try {
      for (const transport of Object.values(transports)) {
        for (const shown of [JSON.stringify(transport), inspect(transport, { depth: 10 })]) {
          for (const secret of [smtp.password, wa.accessToken, sms.apiKey]) expect(shown).not.toContain(secret);
        }
      }
    } finally {
      await closeTransports(transports);
    }
  });
});
