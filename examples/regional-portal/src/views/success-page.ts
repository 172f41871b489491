import { attachmentSection, type AttachmentSectionData } from './attachments.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

export interface SuccessPageData {
  trackingCode: string;
  /** The 6-digit reply PIN Aduan drew for the person: shown this once (it is in the acknowledgement too). */
  replyPin: string | null;
  /** Aduan's acknowledgement: who handles it and by when it is verified. */
  acknowledgement: string;
  /** What was filed, in words, so the person can check it. */
  summary: { program: string; category: string; village: string; description: string; anonymous: boolean; confidential: boolean };
  /** The files attached so far and the form to attach more, for the person who just filed it. */
  attachments: AttachmentSectionData;
}

/**
 * Shown in answer to the form's POST itself, not after a redirect: a refresh
 * sends the same form again, with the same idempotency key, and Aduan answers
 * with this same complaint, so the page stays the same and nothing is filed twice.
 */
export function successPage({ trackingCode, replyPin, acknowledgement, summary, attachments }: SuccessPageData): Html {
  const trackingLink = `/lacak?kode=${encodeURIComponent(trackingCode)}`;
  return page({
    title: `Pengaduan ${trackingCode} diterima`,
    section: null,
    body: html`
<section class="receipt" aria-labelledby="receipt-title">
  <p class="receipt-badge">Pengaduan diterima</p>
  <h1 id="receipt-title">Kode pengaduan Anda</h1>
  <p class="tracking-code" id="tracking-code">${trackingCode}</p>
  <p class="receipt-note">Simpan atau catat kode ini. Hanya dengan kode ini Anda dapat memantau pengaduan; petugas juga dapat menanyakannya.</p>
  ${replyPin ? html`<p>PIN Anda: <strong class="reply-pin" id="reply-pin">${replyPin}</strong></p>
  <p class="receipt-note">Dengan kode dan PIN ini Anda dapat menjawab permintaan petugas, menambah foto, mengajukan banding, dan menilai hasilnya di halaman Lacak. PIN hanya ditampilkan sekali ini: catat sekarang dan jangan berikan kepada orang lain.</p>` : null}
  <p class="acknowledgement" id="acknowledgement">${acknowledgement}</p>
  <p><a class="button-primary" href="${trackingLink}">Lacak pengaduan ini</a></p>
</section>

${attachmentSection(attachments)}

<section class="summary" aria-labelledby="summary-title">
  <h2 id="summary-title">Ringkasan pengaduan</h2>
  <dl>
    <dt>Program</dt><dd>${summary.program}</dd>
    <dt>Jenis pengaduan</dt><dd>${summary.category}</dd>
    <dt>Lokasi</dt><dd>${summary.village}</dd>
    <dt>Identitas</dt><dd>${summary.anonymous ? 'Anonim' : summary.confidential ? 'Dirahasiakan (hanya petugas)' : 'Sesuai isian'}</dd>
  </dl>
  <h3>Uraian</h3>
  <p class="description" id="summary-description">${summary.description}</p>
</section>`,
  });
}
