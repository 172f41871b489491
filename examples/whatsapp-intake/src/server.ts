import { createClient } from '@aduan/sdk';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, readConfig, type Config } from './config.js';
import { Intake } from './intake.js';
import { cloudApiMedia } from './media.js';
import { RecentComplaints } from './recent-complaints.js';
import { VillageDirectory } from './villages.js';
import { cloudApiSender } from './whatsapp.js';

/**
 * A WhatsApp Business (Cloud API) webhook that files "Nama#NIK#Alamat#Aduan"
 * messages as Aduan complaints and answers with the tracking code.
 * `node dist/server.js`; configuration in README.md.
 */

const config = configuration();

const aduan = createClient({
  url: config.aduanUrl,
  clientId: config.aduanClientId,
  clientSecret: config.aduanClientSecret,
  locale: 'id',
  userAgent: 'whatsapp-intake/0.1.0',
  // Meta waits for the webhook's answer only so long: a few short attempts, then 503 and Meta's own redelivery.
  timeoutMs: 8_000,
  retry: { maxAttempts: 3, maxDelayMs: 2_000 },
});

const app = createApp({
  verifyToken: config.whatsappVerifyToken,
  appSecret: config.whatsappAppSecret,
  intake: new Intake(aduan, new VillageDirectory(aduan), {
    fetchMedia: cloudApiMedia({ apiUrl: config.whatsappApiUrl, accessToken: config.whatsappAccessToken }),
    recent: new RecentComplaints(),
  }),
  send: cloudApiSender({ apiUrl: config.whatsappApiUrl, accessToken: config.whatsappAccessToken }),
});

const server = app.listen(config.port, (error?: Error) => {
  if (error) {
    console.error(`WhatsApp intake: cannot listen on port ${config.port}: ${error.message}`);
    process.exit(1);
  }
  console.log(`WhatsApp intake: http://localhost:${(server.address() as AddressInfo).port}/webhook`);
});

// Finish the notifications in hand, then stop: a notification cut off halfway is delivered again by Meta anyway.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}

/** The configuration, or one line naming what is wrong, and exit code 1. */
function configuration(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
