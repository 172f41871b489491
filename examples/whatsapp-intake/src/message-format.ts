/**
 * The ministry's WhatsApp format, "Nama#NIK#Alamat#Aduan", and the two
 * keywords around it, read the way people actually type them:
 *
 *   Siti Aminah # 3273 0145 0785 0001 # 32.73.01.1001 # PKH tahap 2 belum masuk.
 *   ADUAN#Siti Aminah#3273014507850001#Kel. Sarijadi, Kec. Sukasari, Kota Bandung#…
 *   aduan bpnt # Siti Aminah # … (a programme code may come first)
 *   STATUS ADU-7K3M-9Q2X        status adu 7k3m 9q2x
 *   BANTUAN                     (or HELP, INFO, FORMAT, MENU, ?, or a bare ADUAN)
 *   JAWAB ADU-7K3M-9Q2X 123456 Foto KKS sudah saya kirim.   (the answer to the office, with the PIN)
 *
 * Spaces around '#', letter case and line breaks do not matter; the complaint
 * is everything after the third '#', so it may hold line breaks and '#' itself.
 * Nothing here talks to Aduan: this file is pure, and its rules are the ones
 * the help text (replies.ts) promises.
 */

/** The parts of the message a problem is about; the reply names them so people know what to fix. */
export type Part = 'nama' | 'nik' | 'alamat' | 'aduan' | 'program' | 'nomor';

export interface PartProblem {
  part: Part;
  /** Bahasa Indonesia. Never contains the NIK or the phone number. */
  message: string;
}

export type Command =
  | { kind: 'help' }
  /** `trackingCode` is null when the message asked for a status without a recognisable code. */
  | { kind: 'status'; trackingCode: string | null }
  | { kind: 'complaint'; text: string }
  /**
   * The answer to the office's request for information, with the tracking code and the 6-digit PIN from the
   * acknowledgement (Aduan's docs/adr/0026); null when missing. `text` may be empty (a photo's caption).
   */
  | { kind: 'reply'; trackingCode: string | null; pin: string | null; text: string }
  | { kind: 'unrecognised' };

/** BANTUAN and its synonyms; a bare ADUAN or LAPOR is someone about to complain, who needs the format too. */
const HELP_WORDS = new Set(['bantuan', 'help', 'info', 'format', 'menu', 'panduan', '?', 'aduan', 'pengaduan', 'lapor']);
const STATUS_WORD = /^(?:cek\s+)?(?:status|lacak)\b/i;
const REPLY_WORD = /^(?:jawab|balas)\b/i;
/** JAWAB, the code, the PIN (6 digits, a space in the middle allowed), then the answer. */
const REPLY = /^(?:jawab|balas)\s+ADU[\s-]*([0-9A-Z]{4})[\s-]*([0-9A-Z]{4})\s+(\d{3}[\s-]?\d{3})(?!\d)\s*([\s\S]*)$/i;
/** "ADU-7K3M-9Q2X", "adu 7k3m 9q2x", "ADU7K3M9Q2X"; Aduan itself forgives the look-alikes (O/0, I/1). */
const TRACKING_CODE = /\bADU[\s-]*([0-9A-Z]{4})[\s-]*([0-9A-Z]{4})\b/i;
const FORMAT_PARTS = 4;

/** The first tracking code written anywhere in a text (a photo's caption), as `ADU-XXXX-XXXX`; null when there is none. */
export function findTrackingCode(text: string): string | null {
  const code = TRACKING_CODE.exec(text);
  return code ? `ADU-${code[1]}-${code[2]}`.toUpperCase() : null;
}

export function parseCommand(message: string): Command {
  const text = message.replace(/\u00a0/g, ' ').trim();
  if (HELP_WORDS.has(text.toLowerCase())) return { kind: 'help' };
  // A complaint may start with a name such as "Status"… in theory; one with all four parts is a complaint.
  if (STATUS_WORD.test(text) && text.split('#').length < FORMAT_PARTS) {
    return { kind: 'status', trackingCode: findTrackingCode(text) };
  }
  if (REPLY_WORD.test(text) && text.split('#').length < FORMAT_PARTS) {
    const reply = REPLY.exec(text);
    if (!reply) return { kind: 'reply', trackingCode: findTrackingCode(text), pin: null, text: '' };
    return { kind: 'reply', trackingCode: `ADU-${reply[1]}-${reply[2]}`.toUpperCase(), pin: reply[3].replace(/\D/g, ''), text: reply[4].trim() };
  }
  if (text.includes('#')) return { kind: 'complaint', text };
  return { kind: 'unrecognised' };
}

/** A programme as `programs` lists it. */
export interface ProgrammeRef {
  code: string;
}

export interface ComplaintDraft {
  /** `stated`: the message started with its code; `mentioned`: the complaint names it; `default`: neither. */
  programme: { code: string; source: 'stated' | 'mentioned' | 'default' };
  name: string | null;
  /** 16 digits, separators removed; null when missing or invalid (see problems). */
  nik: string | null;
  address: string | null;
  description: string | null;
  problems: PartProblem[];
}

/**
 * The programme for a complaint that names none. PKH is the programme of the
 * ministry's WhatsApp and call-centre lines, and the one most complaints are
 * about; the reply says it was assumed, so the person can send again with the
 * right code first.
 */
export const DEFAULT_PROGRAMME = 'PKH';

/** How people write the programmes whose codes they rarely use. Only aliases of programmes Aduan lists are used. */
const PROGRAMME_ALIASES: Record<string, string[]> = {
  BPNT: ['kartu sembako', 'program sembako', 'sembako', 'bantuan pangan'],
  BLT_DD: ['blt dana desa', 'blt desa', 'dana desa'],
  PBI_JK: ['pbi', 'kis', 'bpjs pbi'],
};

const LEADING_KEYWORD = /^\s*(?:aduan|pengaduan|lapor)\b[\s:]*/i;
const NIK_LIKE = /^[\d\s.-]+$/;
const PART_LABEL = /^(?:nama(?: lengkap)?|nik|no\.? ?ktp|alamat|aduan|isi aduan|keluhan)\s*:\s*/i;
const MAX_NAME = 150;
const MAX_DESCRIPTION = 4000;

/** Reads "[ADUAN][#][PROGRAM#]Nama#NIK#Alamat#Aduan" into its parts, with a problem for each part that is missing or wrong. */
export function readComplaint(text: string, programmes: readonly ProgrammeRef[]): ComplaintDraft {
  // Raw pieces, trimmed only when used: joining the tail back with '#' keeps the complaint exactly as typed.
  const keyword = LEADING_KEYWORD.exec(text);
  const pieces = text.slice(keyword?.[0].length ?? 0).split('#');
  // "ADUAN#Nama#…": the keyword had a part of its own. Without a keyword, an empty first part is an empty Nama.
  if (keyword && pieces.length > 1 && pieces[0].trim() === '') pieces.shift();

  let programme: ComplaintDraft['programme'] | null = null;
  const stated = programmeCode(pieces[0].trim().replace(/^program\s+/i, ''), programmes);
  if (stated && pieces.length > 1) {
    programme = { code: stated, source: 'stated' };
    pieces.shift();
  }

  // People fill in the template they were given: "Nama: Siti#NIK: 3273…#Alamat: …#Aduan: …".
  const part = (piece: string | undefined) => (piece ?? '').trim().replace(PART_LABEL, '');
  let [name, nik, address] = [part(pieces[0]), part(pieces[1]), part(pieces[2])];
  let description = part(pieces.slice(3).join('#'));
  // "Nama#Alamat#Aduan": the NIK left out, rather than an address in the NIK's place and no complaint.
  if (pieces.length === 3 && nik && !NIK_LIKE.test(nik) && address) {
    [nik, address, description] = ['', nik, address];
  }

  const problems: PartProblem[] = [];
  const cleanName = name.replace(/\s+/g, ' ');
  if (NIK_LIKE.test(cleanName) && /\d/.test(cleanName)) problems.push({ part: 'nama', message: 'berisi angka; tulis nama lengkap Anda di bagian pertama.' });
  else if (cleanName.length > MAX_NAME) problems.push({ part: 'nama', message: `terlalu panjang (paling banyak ${MAX_NAME} huruf).` });

  const nikDigits = nik.replace(/[\s.-]/g, '');
  let validNik: string | null = null;
  if (!nikDigits) problems.push({ part: 'nik', message: 'belum ada; tulis 16 angka NIK sesuai KTP.' });
  else if (!/^\d+$/.test(nikDigits)) problems.push({ part: 'nik', message: 'hanya boleh berisi angka (16 angka sesuai KTP).' });
  else if (nikDigits.length !== 16) problems.push({ part: 'nik', message: `harus 16 angka; yang terkirim ${nikDigits.length} angka.` });
  else validNik = nikDigits;

  if (!address) problems.push({ part: 'alamat', message: 'belum ada; tulis kode desa/kelurahan atau "Desa/Kel ..., Kec ..., Kota/Kab ...".' });

  if (!description) problems.push({ part: 'aduan', message: 'belum ada; ceritakan apa yang terjadi setelah tanda # ketiga.' });
  else if (description.length > MAX_DESCRIPTION) problems.push({ part: 'aduan', message: `terlalu panjang (paling banyak ${MAX_DESCRIPTION} karakter); ringkas ceritanya.` });

  programme ??= mentionedProgramme(description, programmes) ?? { code: DEFAULT_PROGRAMME, source: 'default' };
  return {
    programme,
    name: cleanName || null,
    nik: validNik,
    address: address || null,
    description: description || null,
    problems,
  };
}

/** The programme code a piece of text *is* ("PKH", "blt-dd", "BLT DD"), if any. */
function programmeCode(piece: string, programmes: readonly ProgrammeRef[]): string | null {
  const key = piece.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!key) return null;
  return programmes.find((p) => p.code.toUpperCase().replace(/[^A-Z0-9]/g, '') === key)?.code ?? null;
}

/** The programme the complaint mentions first, by code ("PKH", "BLT-DD") or by a common name ("sembako"). */
function mentionedProgramme(description: string, programmes: readonly ProgrammeRef[]): ComplaintDraft['programme'] | null {
  let first: { code: string; at: number } | null = null;
  for (const { code } of programmes) {
    const names = [code.replace(/_/g, ' '), ...(PROGRAMME_ALIASES[code] ?? [])];
    for (const name of names) {
      const words = name.split(/\s+/).map((word) => word.replace(/[^a-z0-9]/gi, '')).join('[\\s_-]*');
      const at = new RegExp(`\\b${words}\\b`, 'i').exec(description)?.index;
      if (at !== undefined && (!first || at < first.at)) first = { code, at };
    }
  }
  return first && { code: first.code, source: 'mentioned' };
}

/** `3273********0001`: enough for people to recognise their NIK in a reply, not enough to use it. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}`;
}

/** Text from the message that goes back into a reply: long digit runs (a NIK, a phone number) removed, and kept short. */
export function quote(text: string, max = 60): string {
  const safe = text.replace(/\d[\d\s.-]{8,}\d/g, '…').replace(/\s+/g, ' ').trim();
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
