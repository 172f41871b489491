import { byKey, defineWords, withExamples, Words } from '../words/define';
import { ResolutionDecision } from '../common/enums';

/**
 * What a complainant reads in each notification (notification-words.ts puts
 * them together): the e-mail's subject and body, the SMS (at most 160 GSM-7
 * characters with the tracking code: test/notifications/notification-words.spec.ts
 * tries every parameter at its longest) and the WhatsApp templates' bodies as
 * registered with Meta (docs/whatsapp-templates.md is generated from them).
 *
 * `code` is the tracking code; `office` the office as people know it (or
 * "petugas"); dates are in the complainant's zone; `message` is the office's
 * public message, already made one line where a template needs it.
 */

/** The decision in words. */
const DECISION_WORDS = {
  UPHELD: { id: 'pengaduan Anda terbukti dan ditindaklanjuti', en: 'your complaint was upheld and acted on' },
  PARTIALLY_UPHELD: { id: 'pengaduan Anda sebagian terbukti dan ditindaklanjuti', en: 'your complaint was partly upheld and acted on' },
  NOT_UPHELD: { id: 'pengaduan Anda tidak terbukti', en: 'your complaint was not upheld' },
  WITHDRAWN: { id: 'pengaduan dicabut', en: 'the complaint was withdrawn' },
  REDIRECTED: { id: 'pengaduan diteruskan ke instansi yang berwenang', en: 'the complaint was passed to the agency responsible' },
} satisfies Record<ResolutionDecision, Words>;

/** Short forms for the SMS. */
const DECISION_SHORT = {
  UPHELD: { id: 'terbukti', en: 'upheld' },
  PARTIALLY_UPHELD: { id: 'sebagian terbukti', en: 'partly upheld' },
  NOT_UPHELD: { id: 'tidak terbukti', en: 'not upheld' },
  WITHDRAWN: { id: 'dicabut', en: 'withdrawn' },
  REDIRECTED: { id: 'diteruskan ke instansi berwenang', en: 'passed to the agency responsible' },
} satisfies Record<ResolutionDecision, Words>;

/** Why a complaint was not taken up, as its notification says. */
const REJECTED_REASONS = {
  merged: {
    id: 'pengaduan lain tentang hal yang sama, yang digabung dengan pengaduan ini, tidak dapat ditindaklanjuti',
    en: 'the complaint about the same matter it was merged with could not be taken up',
  },
  archived: { id: 'keterangan yang diminta tidak diterima dalam 30 hari', en: 'the information asked for did not arrive within 30 days' },
  message: { id: 'lihat keterangan petugas', en: 'see the office\'s message' },
} satisfies Record<string, Words>;

export type RejectedReason = keyof typeof REJECTED_REASONS;

const NONE: Words = { id: '-', en: '-' };
const decided = (decision: ResolutionDecision | null, family: Record<ResolutionDecision, Words>): Words => (decision ? family[decision] : NONE);
const lines = (...texts: string[]) => texts.filter(Boolean).join('\n');
const words = (...texts: string[]) => texts.filter(Boolean).join(' ');

const CODE = 'ADU-7K3M-9Q2X';
const DUE: Words = { id: '30 September 2027 pukul 23.59 WITA', en: '30 September 2027, 23:59 WITA' };
const OFFICE: Words = { id: 'Dinas Sosial kabupaten/kota', en: 'District/city social office' };
const EVERY_DECISION = [null, ...Object.values(ResolutionDecision)];

/** The WhatsApp templates, one per name and language: {{n}} are the parameters renderNotification sends, in order. */
const WHATSAPP_TEMPLATE_BODIES = {
  aduan_acknowledged: {
    id: 'Pengaduan Anda telah kami terima dengan nomor {{1}} dan akan diverifikasi paling lambat {{2}}. Anda akan diberi tahu setiap perkembangannya; simpan nomor ini untuk menanyakan pengaduan Anda.',
    en: 'Your complaint has been received with tracking code {{1}} and will be verified by {{2}}. You will be told of every step; keep the code to ask about your complaint.',
  },
  aduan_acknowledged_pin: {
    id: 'Pengaduan Anda telah kami terima dengan nomor {{1}} dan akan diverifikasi paling lambat {{2}}. PIN Anda: {{3}} (rahasiakan; diperlukan untuk menjawab permintaan keterangan, menambah bukti, mengajukan banding dan memberi penilaian). Anda akan diberi tahu setiap perkembangannya.',
    en: 'Your complaint has been received with tracking code {{1}} and will be verified by {{2}}. Your PIN: {{3}} (keep it secret: you need it to answer a request for information, add evidence, appeal and rate). You will be told of every step.',
  },
  aduan_information_requested: {
    id: 'Petugas yang menangani pengaduan {{1}} memerlukan keterangan tambahan dari Anda: "{{2}}". Balas dengan JAWAB, nomor pengaduan, PIN, lalu keterangan Anda (foto boleh), atau jawab di halaman pelacakan. Tanpa jawaban dalam 30 hari, pengaduan diarsipkan.',
    en: 'The office handling complaint {{1}} needs more information from you: "{{2}}". Reply with JAWAB, the tracking code, your PIN and your answer (photos welcome), or answer on the tracking page. Without an answer within 30 days the complaint is archived.',
  },
  aduan_public_response: {
    id: 'Ada tanggapan baru atas pengaduan {{1}}: "{{2}}".',
    en: 'There is a new response to complaint {{1}}: "{{2}}".',
  },
  aduan_escalated: {
    id: 'Pengaduan {{1}} kini ditangani oleh {{2}}.',
    en: 'Complaint {{1}} is now handled by the {{2}}.',
  },
  aduan_resolved: {
    id: 'Pengaduan {{1}} selesai ditindaklanjuti: {{2}}. Tanggapan petugas: "{{3}}". Beri penilaian 1-5 dengan nomor pengaduan dan PIN Anda. Jika tidak setuju, Anda dapat mengajukan banding dalam {{4}} hari, paling lambat {{5}}.',
    en: 'Complaint {{1}} is resolved: {{2}}. The office says: "{{3}}". Rate it 1-5 with your tracking code and PIN. If you disagree, you may appeal within {{4}} days, by {{5}}.',
  },
  aduan_resolved_merged: {
    id: 'Pengaduan {{1}} digabung dengan pengaduan lain tentang hal yang sama, yang kini selesai: {{2}}.',
    en: 'Complaint {{1}} was merged with another about the same matter, which is now resolved: {{2}}.',
  },
  aduan_closed: {
    id: 'Pengaduan {{1}} telah ditutup: {{2}}. Terima kasih telah menyampaikannya.',
    en: 'Complaint {{1}} is closed: {{2}}. Thank you for raising it.',
  },
  aduan_rejected: {
    id: 'Pengaduan {{1}} tidak dapat ditindaklanjuti: {{2}}.',
    en: 'Complaint {{1}} could not be taken up: {{2}}.',
  },
  aduan_merged: {
    id: 'Pengaduan {{1}} sama dengan pengaduan lain yang sedang ditangani, sehingga keduanya ditangani bersama. Anda akan diberi tahu hasilnya dengan nomor pengaduan Anda sendiri.',
    en: 'Complaint {{1}} is about the same matter as another complaint being handled, so they are handled together. You will be told the outcome under your own tracking code.',
  },
  aduan_reply_received: {
    id: 'Balasan Anda atas pengaduan {{1}} telah diterima dan diteruskan kepada petugas yang menanganinya.',
    en: 'Your reply on complaint {{1}} was received and passed to the office handling it.',
  },
} satisfies Record<string, Words>;

export type WhatsappTemplateName = keyof typeof WHATSAPP_TEMPLATE_BODIES;

export const notificationsWords = defineWords({
  // Around every e-mail
  'notification.greeting': { id: 'Yth. Pelapor,', en: 'Dear complainant,' },
  'notification.follow': ({ link }: { link: string }) => ({ id: `Pantau pengaduan Anda: ${link}`, en: `Follow your complaint: ${link}` }),
  'notification.footer': {
    id: 'Pesan ini dikirim otomatis oleh Aduan karena Anda setuju diberi tahu perkembangan pengaduan Anda.',
    en: 'Aduan sent this message because you agreed to be told how your complaint progresses.',
  },
  /** Who acts when the notification names no tier. */
  'notification.theOffice': { id: 'petugas', en: 'the office' },
  'notification.decision': byKey('decision', DECISION_WORDS),
  'notification.rejectedReason': byKey('reason', REJECTED_REASONS),

  // ACKNOWLEDGED
  'notification.acknowledged.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code} telah diterima`, en: `Complaint ${code} received` }),
  'notification.acknowledged.email': withExamples(({ code, office, due, pin }: { code: string; office: Words; due: Words; pin: string | null }) => ({
    id: lines(
      `Pengaduan Anda telah kami terima dengan nomor ${code}.`,
      `${office.id} akan memverifikasinya paling lambat ${due.id}. Anda akan diberi tahu setiap perkembangannya.`,
      pin ? `PIN: ${pin} (rahasiakan; diperlukan untuk menjawab permintaan keterangan, menambah bukti, mengajukan banding dan memberi penilaian).` : '',
      'Simpan nomor ini: sebutkan di kanal mana pun untuk menanyakan pengaduan Anda.',
    ),
    en: lines(
      `Your complaint has been received with tracking code ${code}.`,
      `The ${office.en} will verify it by ${due.en}. You will be told of every step.`,
      pin ? `PIN: ${pin} (keep it secret: you need it to answer a request for information, add evidence, appeal and rate).` : '',
      'Keep the code: quote it at any channel to ask about your complaint.',
    ),
  }), { code: CODE, office: OFFICE, due: DUE, pin: '123456' }, { code: CODE, office: OFFICE, due: DUE, pin: null }),
  'notification.acknowledged.sms': withExamples(({ code, due, pin }: { code: string; due: Words; pin: string | null }) => ({
    id: words(`Aduan ${code} diterima. Diverifikasi paling lambat ${due.id}.`, pin ? `PIN: ${pin} (rahasiakan).` : '', 'Simpan kode ini.'),
    en: words(`Complaint ${code} received. To be verified by ${due.en}.`, pin ? `PIN: ${pin} (keep it secret).` : '', 'Keep this code.'),
  }), { code: CODE, due: DUE, pin: '123456' }, { code: CODE, due: DUE, pin: null }),

  // INFORMATION_REQUESTED
  'notification.informationRequested.subject': ({ code }: { code: string }) => ({
    id: `Pengaduan ${code}: kami memerlukan keterangan Anda`, en: `Complaint ${code}: we need information from you`,
  }),
  'notification.informationRequested.email': ({ code, message }: { code: string; message: string }) => ({
    id: lines(
      `Petugas yang menangani pengaduan ${code} memerlukan keterangan tambahan dari Anda:`,
      `"${message}"`,
      'Penanganan menunggu jawaban Anda. Jawab di halaman pelacakan pengaduan dengan nomor pengaduan dan PIN Anda, atau melalui kanal tempat Anda mengadu. Tanpa jawaban dalam 30 hari, pengaduan diarsipkan.',
    ),
    en: lines(
      `The office handling complaint ${code} needs more information from you:`,
      `"${message}"`,
      'Handling waits for your answer. Answer on the complaint tracking page with your tracking code and PIN, or through the channel you complained through. Without an answer within 30 days the complaint is archived.',
    ),
  }),
  'notification.informationRequested.sms': ({ code }: { code: string }) => ({
    id: `Aduan ${code}: petugas meminta keterangan tambahan dari Anda. Jawab dalam 30 hari agar tidak diarsipkan.`,
    en: `Complaint ${code}: the office needs more information from you. Answer within 30 days or it is archived.`,
  }),

  // PUBLIC_RESPONSE
  'notification.publicResponse.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code}: tanggapan petugas`, en: `Complaint ${code}: a response from the office` }),
  'notification.publicResponse.email': ({ code, message }: { code: string; message: string }) => ({
    id: lines(`Ada tanggapan baru atas pengaduan ${code}:`, `"${message}"`),
    en: lines(`There is a new response to complaint ${code}:`, `"${message}"`),
  }),
  'notification.publicResponse.sms': ({ code }: { code: string }) => ({
    id: `Aduan ${code}: ada tanggapan baru dari petugas.`, en: `Complaint ${code}: there is a new response from the office.`,
  }),

  // ESCALATED
  'notification.escalated.subject': withExamples(({ code, office }: { code: string; office: Words }) => ({
    id: `Pengaduan ${code} diteruskan ke ${office.id}`, en: `Complaint ${code} moved up to the ${office.en}`,
  }), { code: CODE, office: OFFICE }),
  'notification.escalated.email': withExamples(({ code, office }: { code: string; office: Words }) => ({
    id: `Pengaduan ${code} kini ditangani oleh ${office.id}.`, en: `Complaint ${code} is now handled by the ${office.en}.`,
  }), { code: CODE, office: OFFICE }),
  'notification.escalated.sms': withExamples(({ code, office }: { code: string; office: Words }) => ({
    id: `Aduan ${code} kini ditangani oleh ${office.id}.`, en: `Complaint ${code} is now handled by the ${office.en}.`,
  }), { code: CODE, office: OFFICE }),

  // RESOLVED (and, for a complaint merged into the one resolved, its own code and the decision only)
  'notification.resolved.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code} selesai ditindaklanjuti`, en: `Complaint ${code} resolved` }),
  'notification.resolved.email': withExamples(({ code, decision, message, appealDays, appealBy }: {
    code: string; decision: ResolutionDecision | null; message: string | null; appealDays: number; appealBy: Words;
  }) => ({
    id: lines(
      `Pengaduan ${code} selesai ditindaklanjuti: ${decided(decision, DECISION_WORDS).id}.`,
      message ? `"${message}"` : '',
      `Beri penilaian (1-5) atas penyelesaiannya di halaman pelacakan pengaduan dengan nomor pengaduan dan PIN Anda. Jika tidak setuju, Anda dapat mengajukan banding di sana dalam ${appealDays} hari, paling lambat ${appealBy.id}.`,
    ),
    en: lines(
      `Complaint ${code} is resolved: ${decided(decision, DECISION_WORDS).en}.`,
      message ? `"${message}"` : '',
      `Rate the resolution (1-5) on the complaint tracking page with your tracking code and PIN. If you disagree, you may appeal there within ${appealDays} days, by ${appealBy.en}.`,
    ),
  }), ...EVERY_DECISION.map((decision) => ({ code: CODE, decision, message: 'Bantuan sudah disalurkan.', appealDays: 30, appealBy: DUE })),
  { code: CODE, decision: null, message: null, appealDays: 30, appealBy: NONE }),
  'notification.resolved.sms': withExamples(({ code, decision, appealDays }: { code: string; decision: ResolutionDecision | null; appealDays: number }) => ({
    id: `Aduan ${code} selesai: ${decided(decision, DECISION_SHORT).id}. Beri nilai 1-5. Tidak setuju? Ajukan banding dalam ${appealDays} hari.`,
    en: `Complaint ${code} resolved: ${decided(decision, DECISION_SHORT).en}. Rate it 1-5. Disagree? Appeal within ${appealDays} days.`,
  }), ...EVERY_DECISION.map((decision) => ({ code: CODE, decision, appealDays: 30 }))),
  'notification.resolvedMerged.email': withExamples(({ code, decision }: { code: string; decision: ResolutionDecision | null }) => ({
    id: `Pengaduan ${code} digabung dengan pengaduan lain tentang hal yang sama, yang kini selesai: ${decided(decision, DECISION_WORDS).id}.`,
    en: `Complaint ${code} was merged with another about the same matter, which is now resolved: ${decided(decision, DECISION_WORDS).en}.`,
  }), ...EVERY_DECISION.map((decision) => ({ code: CODE, decision }))),
  'notification.resolvedMerged.sms': withExamples(({ code, decision }: { code: string; decision: ResolutionDecision | null }) => ({
    id: `Aduan ${code} (digabung) selesai: ${decided(decision, DECISION_SHORT).id}.`,
    en: `Complaint ${code} (merged) resolved: ${decided(decision, DECISION_SHORT).en}.`,
  }), ...EVERY_DECISION.map((decision) => ({ code: CODE, decision }))),

  // CLOSED
  'notification.closed.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code} ditutup`, en: `Complaint ${code} closed` }),
  'notification.closed.email': withExamples(({ code, decision }: { code: string; decision: ResolutionDecision | null }) => ({
    id: `Pengaduan ${code} telah ditutup${decision ? `: ${DECISION_WORDS[decision].id}` : ''}. Terima kasih telah menyampaikannya.`,
    en: `Complaint ${code} is closed${decision ? `: ${DECISION_WORDS[decision].en}` : ''}. Thank you for raising it.`,
  }), ...EVERY_DECISION.map((decision) => ({ code: CODE, decision }))),
  'notification.closed.sms': withExamples(({ code, decision }: { code: string; decision: ResolutionDecision | null }) => ({
    id: `Aduan ${code} ditutup${decision ? ` (${DECISION_SHORT[decision].id})` : ''}. Terima kasih.`,
    en: `Complaint ${code} closed${decision ? ` (${DECISION_SHORT[decision].en})` : ''}. Thank you.`,
  }), ...EVERY_DECISION.map((decision) => ({ code: CODE, decision }))),

  // REJECTED
  'notification.rejected.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code} tidak dapat ditindaklanjuti`, en: `Complaint ${code} not taken up` }),
  'notification.rejected.email': withExamples(({ code, reason, message }: { code: string; reason: RejectedReason; message: string | null }) => ({
    id: lines(`Pengaduan ${code} tidak dapat ditindaklanjuti: ${REJECTED_REASONS[reason].id}.`, message ? `"${message}"` : ''),
    en: lines(`Complaint ${code} could not be taken up: ${REJECTED_REASONS[reason].en}.`, message ? `"${message}"` : ''),
  }), { code: CODE, reason: 'merged', message: null }, { code: CODE, reason: 'archived', message: null }, { code: CODE, reason: 'message', message: 'Bukan wewenang kami.' }),
  'notification.rejected.sms': withExamples(({ code, archived }: { code: string; archived: boolean }) => ({
    id: `Aduan ${code} tidak dapat ditindaklanjuti${archived ? ': keterangan tidak diterima dalam 30 hari' : ''}.`,
    en: `Complaint ${code} not taken up${archived ? ': no information within 30 days' : ''}.`,
  }), { code: CODE, archived: true }, { code: CODE, archived: false }),

  // MERGED
  'notification.merged.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code} digabung`, en: `Complaint ${code} merged` }),
  'notification.merged.email': ({ code }: { code: string }) => ({
    id: lines(
      `Pengaduan ${code} sama dengan pengaduan lain yang sedang ditangani, sehingga keduanya ditangani bersama.`,
      'Anda akan diberi tahu hasilnya dengan nomor pengaduan Anda sendiri.',
    ),
    en: lines(
      `Complaint ${code} is about the same matter as another complaint being handled, so they are handled together.`,
      'You will be told the outcome under your own tracking code.',
    ),
  }),
  'notification.merged.sms': ({ code }: { code: string }) => ({
    id: `Aduan ${code} digabung dengan aduan lain yang sama dan ditangani bersama. Hasilnya akan kami beri tahu.`,
    en: `Complaint ${code} was merged with another on the same matter and is handled with it. We will tell you the outcome.`,
  }),

  // REPLY_RECEIVED
  'notification.replyReceived.subject': ({ code }: { code: string }) => ({ id: `Pengaduan ${code}: balasan Anda diterima`, en: `Complaint ${code}: your reply was received` }),
  'notification.replyReceived.email': ({ code }: { code: string }) => ({
    id: `Balasan Anda atas pengaduan ${code} telah diterima dan diteruskan kepada petugas yang menanganinya.`,
    en: `Your reply on complaint ${code} was received and passed to the office handling it.`,
  }),
  'notification.replyReceived.sms': ({ code }: { code: string }) => ({
    id: `Aduan ${code}: balasan Anda telah diterima petugas.`, en: `Complaint ${code}: your reply reached the office.`,
  }),

  /** The WhatsApp templates as registered with Meta, by name. */
  'notification.whatsappTemplate': byKey('template', WHATSAPP_TEMPLATE_BODIES),
});
