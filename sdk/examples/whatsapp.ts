// examples/whatsapp.ts: a WhatsApp intake line files complaints on behalf of the people who write in.
// Safe with real credentials: without --apply it files nothing, and only answers a status question (a dry run).
import { createClient } from '@aduan/sdk';

const aduan = createClient({
  url: process.env.ADUAN_URL ?? 'http://localhost:4000/graphql',
  clientId: process.env.ADUAN_CLIENT_ID ?? 'demo-ngo-csr',
  clientSecret: process.env.ADUAN_CLIENT_SECRET ?? 'demo-ngo-csr-secret',
  locale: 'id', // acknowledgements and status labels in Bahasa Indonesia
});

/** A message from the chat, after your bot has asked for what it needs. */
interface Chat { messageId: string; from: string; name: string; village: string; text: string; anonymous: boolean }

/** Files the complaint and answers the text to send back. */
async function fileComplaint(chat: Chat): Promise<string> {
  const { acknowledgement, userErrors } = await aduan.submitComplaint({
    idempotencyKey: `wa-${chat.messageId}`, // WhatsApp redelivers messages: one complaint per message
    channel: 'WHATSAPP',
    programCode: 'PKH',
    category: 'NOT_RECEIVED',
    description: chat.text,
    regionCode: chat.village,
    complainant: { name: chat.name, phone: chat.from, anonymous: chat.anonymous },
  });
  if (userErrors.length > 0) return `Maaf, data belum lengkap: ${userErrors.map((e) => e.message).join(' ')}`;
  return acknowledgement ?? 'Pengaduan diterima.';
}

/** "STATUS ADU-XXXX-XXXX": what the tracker says. */
async function status(trackingCode: string): Promise<string> {
  const tracking = await aduan.trackComplaint(trackingCode);
  if (!tracking) return 'Kode pengaduan tidak ditemukan.';
  const latest = tracking.publicResponses.at(-1);
  return `${tracking.trackingCode}: ${tracking.statusLabel} (${tracking.tierLabel}).${latest ? ` ${latest.message}` : ''}`;
}

// `node whatsapp.js ADU-XXXX-XXXX` answers that code's status; `--apply` files a sample message, then answers its status.
const asked = /ADU-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(process.argv.slice(2).join(' '))?.[0];
if (asked) console.log(await status(asked));
else if (!process.argv.includes('--apply')) console.log('dry run, nothing sent (add --apply to file a sample message, or give a tracking code)');
else {
  const reply = await fileComplaint({
    messageId: `wamid.${Date.now()}`, from: '+6281234567890', name: 'Dewi', village: '32.73.01.1001',
    text: 'PKH tahap ini belum cair, padahal tetangga sudah.', anonymous: false,
  });
  console.log(reply);
  const code = /ADU-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(reply)?.[0];
  if (code) console.log(await status(code));
}
