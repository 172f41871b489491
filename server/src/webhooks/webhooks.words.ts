import { defineWords } from '../words/define';

/** Webhook subscriptions and deliveries (docs/adr on webhooks). */
export const webhooksWords = defineWords({
  'webhooks.urlLength': ({ max }: { max: number }) => ({ id: `URL harus 1–${max} karakter.`, en: `url must be 1–${max} characters.` }),
  'webhooks.urlInvalid': { id: 'URL tidak valid; contoh: https://contoh.go.id/aduan/webhook.', en: 'url is not a URL; e.g. https://example.go.id/aduan/webhook.' },
  'webhooks.urlCredentials': {
    id: 'URL tidak boleh memuat nama pengguna atau kata sandi; verifikasi pengirim dengan tanda tangan.',
    en: 'url must not carry a user name or password; authenticate deliveries with the signature.',
  },
  'webhooks.urlFragment': { id: 'URL tidak boleh memuat fragmen (#…).', en: 'url must not have a fragment (#…).' },
  'webhooks.urlNotPublic': {
    id: 'URL harus menuju alamat publik; alamat lokal atau jaringan privat tidak diizinkan.', en: 'url must point to a public address; loopback and private networks are refused.',
  },
  'webhooks.urlHttps': { id: 'URL harus memakai https.', en: 'url must use https.' },
  'webhooks.urlHttpsOrLocal': {
    id: 'URL harus memakai https (http hanya untuk localhost atau 127.0.0.1 di luar produksi).', en: 'url must use https (http only to localhost or 127.0.0.1 outside production).',
  },
  'webhooks.deliveryNotFound': { id: 'Pengiriman webhook tidak ditemukan.', en: 'No such webhook delivery of your organisation.' },
  'webhooks.subscriptionDisabled': {
    id: 'Langganan webhook ini sedang nonaktif; aktifkan kembali (enableWebhookSubscription) sebelum mengirim ulang.',
    en: 'Its subscription is disabled; enable it (enableWebhookSubscription) before redelivering.',
  },
  'webhooks.deliveryPending': { id: 'Pengiriman ini masih menunggu percobaan berikutnya; tidak perlu dikirim ulang.', en: 'This delivery is pending: its next attempt is queued already.' },
  'webhooks.attemptsExhausted': ({ attempts }: { attempts: number }) => ({
    id: `Pengiriman ini sudah dicoba ${attempts} kali, batas yang diizinkan.`, en: `This delivery has had ${attempts} attempts, the most allowed.`,
  }),
  'webhooks.overlapHours': ({ max }: { max: number }) => ({ id: `Masa berlaku rahasia lama harus 0–${max} jam.`, en: `previousSecretValidHours must be 0–${max}.` }),
  'webhooks.subscriptionLimit': ({ max }: { max: number }) => ({
    id: `Organisasi Anda sudah memiliki ${max} langganan webhook; hapus salah satu terlebih dahulu.`, en: `Your organisation has ${max} webhook subscriptions already; delete one first.`,
  }),
  'webhooks.noEventTypes': { id: 'Pilih sedikitnya satu jenis peristiwa.', en: 'Choose at least one event type.' },
  'webhooks.eventTypeNotForRole': ({ type, role }: { type: string; role: string }) => ({
    id: `Organisasi Anda tidak dapat menerima ${type}: peristiwa ini tidak dapat dibaca oleh peran ${role} melalui API.`,
    en: `Your organisation cannot receive ${type}: your role (${role}) cannot read it through the API.`,
  }),
  'webhooks.descriptionLength': ({ max }: { max: number }) => ({ id: `Keterangan paling banyak ${max} karakter.`, en: `description must be at most ${max} characters.` }),
  'webhooks.subscriptionNotFound': { id: 'Langganan webhook tidak ditemukan.', en: 'No such webhook subscription of your organisation.' },
  'webhooks.pageSize': ({ max }: { max: number }) => ({ id: `first harus 1–${max}.`, en: `first must be 1–${max}` }),
});
