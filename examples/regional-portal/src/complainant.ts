import type { AduanClient, TrackingFieldsFragment, UserErrorFieldsFragment } from '@aduan/sdk';
import { OFFERED_TYPES, refusalMessage, type UploadedFile } from './attachments.js';
import { unavailable } from './unavailable.js';

/**
 * What a person does on the tracker with their tracking code and the 6-digit
 * PIN from their receipt (Aduan's docs/adr/0026-complainant-pin.md): answer
 * the office's request for information (with a photo, if they like), appeal a
 * resolution, rate it. The portal only passes code and PIN on — it never
 * stores them — and says Aduan's refusals as Aduan words them (in Bahasa
 * Indonesia: the client's locale is `id`): a wrong PIN says how many tries
 * are left, a locked complaint how long to wait.
 */

/** What the tracker page shows after one of these steps. */
export type StepOutcome =
  | { done: true; tracking: TrackingFieldsFragment | null; message: string }
  | { done: false; tracking: TrackingFieldsFragment | null; message: string; field: 'pin' | 'text' | 'photo' | null; status: number };

/** The photo the person may add to their answer: the types Aduan takes from the portal, one file. */
export function isOfferedPhoto(file: UploadedFile | null): boolean {
  return file === null || (OFFERED_TYPES as readonly string[]).includes(file.contentType);
}

/**
 * The answer to a request for information: the photo first (when there is
 * one), so it is on the complaint before handling resumes; then the text. A
 * wrong PIN stops at the photo: one wrong try counted, not two.
 */
export async function answerRequest(aduan: AduanClient, credentials: Credentials, text: string, photo: UploadedFile | null): Promise<StepOutcome> {
  try {
    if (photo) {
      const uploaded = await aduan.uploadComplainantEvidence(credentials, photo.data, { fileName: photo.fileName, contentType: photo.contentType, kind: 'PHOTO' });
      if (!uploaded.attached) return refused(null, uploaded.userErrors, 'photo');
    }
    const answered = await aduan.answerInformationRequest({ ...credentials, information: text });
    if (answered.userErrors.length > 0) return refused(answered.tracking ?? null, answered.userErrors, 'text');
    return { done: true, tracking: answered.tracking ?? null, message: photo
      ? 'Jawaban dan foto Anda sudah kami terima. Petugas melanjutkan penanganan pengaduan Anda.'
      : 'Jawaban Anda sudah kami terima. Petugas melanjutkan penanganan pengaduan Anda.' };
  } catch (error) {
    return down(error, 'answerInformationRequest');
  }
}

/** An appeal: a new complaint with its own code and PIN, shown to the person once, here. */
export async function appeal(aduan: AduanClient, credentials: Credentials, reason: string): Promise<StepOutcome & { appealCode?: string; appealPin?: string }> {
  try {
    const appealed = await aduan.appealResolution({ ...credentials, reason });
    if (appealed.userErrors.length > 0 || !appealed.appeal || !appealed.replyPin) return refused(appealed.tracking ?? null, appealed.userErrors, 'text');
    return {
      done: true, tracking: appealed.tracking ?? null, appealCode: appealed.appeal.trackingCode, appealPin: appealed.replyPin,
      message: `Banding Anda diterima sebagai pengaduan baru ${appealed.appeal.trackingCode} dan ditangani oleh ${appealed.appeal.tierLabel}.`,
    };
  } catch (error) {
    return down(error, 'appealResolution');
  }
}

/** A rating, 1–5, once. */
export async function rate(aduan: AduanClient, credentials: Credentials, rating: number, comment: string): Promise<StepOutcome> {
  try {
    const rated = await aduan.rateResolution({ ...credentials, rating, comment: comment || null });
    if (rated.userErrors.length > 0) return refused(rated.tracking ?? null, rated.userErrors, 'text');
    return { done: true, tracking: rated.tracking ?? null, message: 'Terima kasih, penilaian Anda sudah kami terima.' };
  } catch (error) {
    return down(error, 'rateResolution');
  }
}

export interface Credentials {
  trackingCode: string;
  pin: string;
}

const PIN_CODES: readonly string[] = ['PIN_INCORRECT', 'PIN_LOCKED', 'PIN_EXPIRED'];
const FILE_CODES: readonly string[] = ['UNSUPPORTED_FILE_TYPE', 'CONTENT_TYPE_MISMATCH', 'UNREADABLE_FILE', 'FILE_TOO_LARGE', 'EVIDENCE_LIMIT_REACHED'];

function refused(tracking: TrackingFieldsFragment | null, userErrors: readonly UserErrorFieldsFragment[], fallback: 'text' | 'photo'): StepOutcome {
  const [first] = userErrors;
  const code = first?.code ?? '';
  const field = PIN_CODES.includes(code) ? 'pin' : FILE_CODES.includes(code) ? 'photo' : fallback;
  // A refused photo in the portal's own words (as on the receipt page); everything else as Aduan says it.
  const message = field === 'photo' && first ? refusalMessage(userErrors) : first?.message ?? 'Permintaan Anda belum dapat diproses. Silakan coba lagi.';
  return { done: false, tracking, message, field, status: code === 'PIN_LOCKED' ? 429 : 422 };
}

function down(error: unknown, operation: string): StepOutcome {
  const problem = unavailable(error, operation);
  return { done: false, tracking: null, message: problem.message, field: null, status: problem.status };
}
