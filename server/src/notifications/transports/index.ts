import type { NotificationsConfig } from '../../config';
import { NotificationChannel, NotificationTransports } from '../transport';
import { InfobipSmsTransport } from './sms-infobip';
import { SmtpTransport } from './smtp';
import { WhatsAppCloudTransport } from './whatsapp-cloud';

export { InfobipSmsTransport, type InfobipSmsConfig } from './sms-infobip';
export { SmtpTransport, type SmtpConfig } from './smtp';
export { WhatsAppCloudTransport, type WhatsAppCloudConfig } from './whatsapp-cloud';

/**
 * The transports the configuration names (loadConfig(...).notifications): one
 * per configured channel, none for a channel left unset. Call each
 * transport's close() at shutdown (the SMTP pool holds connections):
 * closeTransports() does.
 */
export function transportsFromConfig(config: NotificationsConfig): NotificationTransports {
  const transports: NotificationTransports = {};
  if (config.email) transports[NotificationChannel.EMAIL] = new SmtpTransport(config.email);
  if (config.whatsapp) transports[NotificationChannel.WHATSAPP] = new WhatsAppCloudTransport(config.whatsapp);
  if (config.sms) transports[NotificationChannel.SMS] = new InfobipSmsTransport(config.sms);
  return transports;
}

/** Closes every transport that holds something open. */
export async function closeTransports(transports: NotificationTransports): Promise<void> {
  await Promise.all(Object.values(transports).map((transport) => transport?.close?.()));
}
