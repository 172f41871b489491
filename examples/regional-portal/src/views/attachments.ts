import { MAX_FILE_BYTES, MAX_FILES_PER_COMPLAINT, OFFERED_TYPES, type AttachedFile } from '../attachments.js';
import { EVIDENCE_KIND_LABELS, fileSizeLabel } from '../labels.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

/** One file's result, as the person is told it. */
export interface OutcomeView {
  fileName: string;
  attached: boolean;
  /** For a refused file, why, and what to do. */
  message: string;
}

export interface AttachmentSectionData {
  /** The signed ticket for this complaint (see attachment-ticket.ts); null once it is no longer valid. */
  ticket: string | null;
  /** Names the form, for idempotency: the same form sent twice attaches its files once. */
  batchKey: string;
  /** The files attached so far; null when Aduan could not be asked for the list. */
  files: AttachedFile[] | null;
  outcomes?: OutcomeView[];
  /** A problem with the whole request (ticket expired, Aduan unreachable, body too large). */
  problem?: string;
}

/** The kinds a person can choose; video is not offered (see OFFERED_TYPES). */
const CHOSEN_KINDS = ['PHOTO', 'LETTER', 'ID_CARD', 'FAMILY_CARD', 'OTHER'] as const;

/**
 * "Lampirkan bukti": the files attached so far, and a form for more. It
 * works without JavaScript (a multipart form posted to /lampiran, answered
 * with this page again); with it, portal.js sends each file on its own and
 * updates the list in place.
 */
export function attachmentSection(data: AttachmentSectionData): Html {
  return html`
<section class="attachments" aria-labelledby="attachments-title">
  <h2 id="attachments-title">Lampirkan bukti (tidak wajib)</h2>
  <p class="hint">Foto kejadian, buku tabungan atau kartu KKS, atau surat keterangan dari RT/kelurahan membantu petugas memverifikasi pengaduan Anda.
    Foto JPEG, PNG, atau WebP, atau surat dalam bentuk PDF; paling besar ${fileSizeLabel(MAX_FILE_BYTES)} per berkas, paling banyak ${MAX_FILES_PER_COMPLAINT} berkas.
    Lokasi (GPS) dan data kamera pada foto dihapus sebelum disimpan; berkas hanya dapat dilihat petugas yang menangani pengaduan.</p>

  <div id="attachment-messages" aria-live="polite">
    ${data.problem && html`<div class="notice notice-error" role="alert" id="attachment-problem">${data.problem}</div>`}
    ${(data.outcomes ?? []).map(outcome)}
  </div>

  <h3>Berkas terlampir</h3>
  ${fileList(data.files)}

  ${data.ticket && html`
  <form method="post" action="/lampiran" enctype="multipart/form-data" class="attachment-form" data-attach-form>
    <input type="hidden" name="tiket" value="${data.ticket}">
    <input type="hidden" name="kiriman" value="${data.batchKey}">
    <div class="row">
      <div class="field">
        <label for="berkas">Pilih berkas</label>
        <input type="file" id="berkas" name="berkas" multiple required
          accept="${OFFERED_TYPES.join(',')},.jpg,.jpeg,.png,.webp,.pdf" data-max-bytes="${MAX_FILE_BYTES}" data-max-label="${fileSizeLabel(MAX_FILE_BYTES)}">
      </div>
      <div class="field">
        <label for="jenis">Jenis bukti</label>
        <select id="jenis" name="jenis">
          <option value="">Otomatis (sesuai berkas)</option>
          ${CHOSEN_KINDS.map((kind) => html`<option value="${kind}">${EVIDENCE_KIND_LABELS[kind]}</option>`)}
        </select>
      </div>
    </div>
    <button type="submit" class="button-primary" data-busy-label="Mengunggah…">Lampirkan berkas</button>
  </form>`}
</section>`;
}

function outcome(result: OutcomeView): Html {
  return result.attached
    ? html`<div class="notice notice-success attachment-outcome" data-attached="true"><strong>${result.fileName}</strong>: ${result.message}</div>`
    : html`<div class="notice notice-error attachment-outcome" role="alert" data-attached="false"><strong>${result.fileName}</strong>: ${result.message}</div>`;
}

/** `Foto · JPEG · 245 KB · 30 November 2026 pukul 07.39 WIB · …`: what the list says about a file (portal.js shows the same). */
export function fileMeta(file: AttachedFile): string {
  return [file.kind, file.type, file.size, file.attachedAt, ...(file.metadataRemoved ? ['disimpan tanpa data lokasi & kamera'] : [])].join(' · ');
}

function fileList(files: AttachedFile[] | null): Html {
  const empty = files === null ? 'Daftar lampiran belum dapat ditampilkan saat ini.' : 'Belum ada berkas yang dilampirkan.';
  return html`
  <p class="hint" id="attachment-empty"${files && files.length > 0 ? html` hidden` : null}>${empty}</p>
  <ul class="attachment-list" id="attachment-list">${(files ?? []).map((file) => html`
    <li><span class="file-name">${file.fileName}</span> <span class="file-meta">${fileMeta(file)}</span></li>`)}
  </ul>`;
}

/** The answer to a form posted without JavaScript: the outcomes, the list, and the form for more. */
export function attachmentsPage(trackingCode: string | null, section: AttachmentSectionData): Html {
  return page({
    title: trackingCode ? `Lampiran pengaduan ${trackingCode}` : 'Lampiran pengaduan',
    section: null,
    body: html`
${trackingCode && html`
<section class="receipt receipt-compact" aria-labelledby="receipt-title">
  <h1 id="receipt-title">Lampiran pengaduan</h1>
  <p class="tracking-code" id="tracking-code">${trackingCode}</p>
  <p><a href="/lacak?kode=${encodeURIComponent(trackingCode)}">Lacak pengaduan ini</a></p>
</section>`}
${!trackingCode && html`<h1>Lampiran pengaduan</h1>`}
${attachmentSection(section)}`,
  });
}
