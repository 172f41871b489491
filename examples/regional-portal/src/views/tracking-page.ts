import type { TrackingFieldsFragment } from '@aduan/sdk';
import { formatDateTime } from '../labels.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

export type TrackingResult =
  /** Nothing asked yet: just the form. */
  | { kind: 'form' }
  | { kind: 'missing-code' }
  | { kind: 'not-found'; code: string }
  | { kind: 'found'; code: string; tracking: TrackingFieldsFragment; step?: StepView }
  /** Aduan could not be asked (down, slow, rate limited): the message says what to do. */
  | { kind: 'unavailable'; code: string; message: string };

/** What the person just did with code and PIN on this page, or why it was refused (the text they typed kept). */
export interface StepView {
  form: 'jawab' | 'banding' | 'nilai';
  done: boolean;
  message: string;
  field?: 'pin' | 'text' | 'photo' | null;
  typed?: { text?: string; rating?: string; comment?: string };
  /** A new appeal's own code and PIN: shown once, here. */
  appeal?: { code: string; pin: string };
}

/** An appeal is taken within 30 days of the resolution (Aduan's rule); the tracker knows when the last answer came. */
const APPEAL_WINDOW_MS = 30 * 86_400_000;

/** The tracker: a form for the code, and what Aduan tells anyone holding it. */
export function trackingPage(result: TrackingResult): Html {
  const code = 'code' in result ? result.code : '';
  return page({
    title: result.kind === 'found' ? `Status ${result.tracking.trackingCode}` : 'Lacak pengaduan',
    section: 'lacak',
    body: html`
<h1>Lacak pengaduan</h1>
<form method="get" action="/lacak" class="tracking-form" role="search">
  <label for="kode">Kode pengaduan</label>
  <div class="inline">
    <input type="text" id="kode" name="kode" value="${code}" required maxlength="40" placeholder="ADU-XXXX-XXXX"
      autocapitalize="characters" autocomplete="off" spellcheck="false"${result.kind === 'missing-code' ? html` aria-invalid="true"` : null}>
    <button type="submit" class="button-primary">Lacak</button>
  </div>
  <p class="hint">Kode tertera pada tanda terima pengaduan, misalnya ADU-7K3M-9Q2X. Huruf besar/kecil dan spasi tidak berpengaruh.</p>
</form>
${outcome(result)}`,
  });
}

function outcome(result: TrackingResult): Html | null {
  switch (result.kind) {
    case 'form':
      return null;
    case 'missing-code':
      return html`<div class="notice notice-error" role="alert">Masukkan kode pengaduan Anda.</div>`;
    case 'not-found':
      return html`<div class="notice notice-error" role="alert" id="not-found">
        Kode pengaduan <strong>${result.code}</strong> tidak ditemukan. Periksa kembali kode pada tanda terima Anda.
      </div>`;
    case 'unavailable':
      return html`<div class="notice notice-error" role="alert">${result.message}</div>`;
    case 'found':
      return html`${stepNotice(result.step)}${status(result.tracking)}${complainantForms(result.tracking, result.step)}`;
  }
}

function status(tracking: TrackingFieldsFragment): Html {
  return html`
<section class="status" aria-labelledby="status-title">
  <h2 id="status-title">${tracking.trackingCode}</h2>
  <p class="status-label status-${tracking.status.toLowerCase()}" id="status-label">${tracking.statusLabel}</p>
  <dl>
    <dt>Ditangani oleh</dt><dd id="tier-label">${tracking.tierLabel}</dd>
    <dt>Diterima</dt><dd>${formatDateTime(tracking.submittedAt)}</dd>
    <dt>Terakhir diperbarui</dt><dd>${formatDateTime(tracking.lastUpdatedAt)}</dd>
    <dt>Batas waktu tahap ini</dt><dd>${tracking.dueAt ? formatDateTime(tracking.dueAt) : 'Tidak ada (menunggu keterangan Anda, atau sudah selesai)'}</dd>
  </dl>
  <h3>Tanggapan petugas</h3>
  ${tracking.publicResponses.length === 0
    ? html`<p class="hint">Belum ada tanggapan. Petugas akan menanggapi setelah pengaduan diverifikasi.</p>`
    : html`<ol class="responses">${tracking.publicResponses.map((r) => html`
      <li><time datetime="${r.at}">${formatDateTime(r.at)}</time><p>${r.message}</p></li>`)}</ol>`}
</section>`;
}

function stepNotice(step: StepView | undefined): Html | null {
  if (!step) return null;
  if (!step.done) return html`<div class="notice notice-error" role="alert" id="step-error">${step.message}</div>`;
  return html`<div class="notice notice-success" role="status" id="step-done">${step.message}${step.appeal ? html`
    <p>Kode pengaduan banding: <strong id="appeal-code">${step.appeal.code}</strong>. PIN banding: <strong id="appeal-pin">${step.appeal.pin}</strong>.
    Catat keduanya sekarang: PIN hanya ditampilkan sekali ini.</p>` : null}</div>`;
}

/** The PIN field every form shares; marked when it was the PIN that was refused. */
function pinField(form: string, step: StepView | undefined): Html {
  const invalid = step && step.form === form && !step.done && step.field === 'pin';
  return html`
  <label for="${form}-pin">PIN (6 angka pada tanda terima)</label>
  <input type="password" id="${form}-pin" name="pin" required inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="off"${invalid ? html` aria-invalid="true"` : null}>`;
}

/**
 * What the person may do with code and PIN: answer when the office waits for them, appeal and rate once it is
 * resolved. Each form posts to the portal, which passes code and PIN to Aduan and keeps neither.
 */
function complainantForms(tracking: TrackingFieldsFragment, step: StepView | undefined): Html | null {
  const typed = (form: string) => (step && step.form === form && !step.done ? step.typed ?? {} : {});
  const code = html`<input type="hidden" name="kode" value="${tracking.trackingCode}">`;
  if (tracking.status === 'PENDING_INFO') {
    const t = typed('jawab');
    return html`
<section class="reply" aria-labelledby="reply-title">
  <h2 id="reply-title">Jawab permintaan petugas</h2>
  <p class="hint">Petugas menunggu keterangan dari Anda (lihat tanggapan petugas di atas). Setelah Anda menjawab, penanganan dilanjutkan.</p>
  <form method="post" action="/lacak/jawab" enctype="multipart/form-data" class="reply-form">
    ${code}
    <label for="keterangan">Jawaban Anda</label>
    <textarea id="keterangan" name="keterangan" required maxlength="4000" rows="5">${t.text ?? ''}</textarea>
    <label for="foto">Foto (tidak wajib): JPEG, PNG, WebP, atau PDF, paling besar 10 MB</label>
    <input type="file" id="foto" name="foto" accept="image/jpeg,image/png,image/webp,application/pdf">
    ${pinField('jawab', step)}
    <button type="submit" class="button-primary">Kirim jawaban</button>
  </form>
</section>`;
  }
  if (tracking.status !== 'RESOLVED' && tracking.status !== 'CLOSED') return null;
  const resolvedAt = tracking.publicResponses.at(-1)?.at ?? tracking.lastUpdatedAt;
  const appealOpen = Date.now() - new Date(resolvedAt).getTime() <= APPEAL_WINDOW_MS;
  const r = typed('nilai');
  return html`
<section class="rate" aria-labelledby="rate-title">
  <h2 id="rate-title">Nilai penyelesaian pengaduan</h2>
  <form method="post" action="/lacak/nilai" class="rate-form">
    ${code}
    <label for="nilai">Seberapa puas Anda? (1 = sangat tidak puas, 5 = sangat puas)</label>
    <select id="nilai" name="nilai" required>
      ${['5', '4', '3', '2', '1'].map((v) => html`<option value="${v}"${r.rating === v ? html` selected` : null}>${v}</option>`)}
    </select>
    <label for="komentar">Komentar (tidak wajib)</label>
    <textarea id="komentar" name="komentar" maxlength="1000" rows="3">${r.comment ?? ''}</textarea>
    ${pinField('nilai', step)}
    <button type="submit" class="button-primary">Kirim penilaian</button>
  </form>
</section>
${appealOpen ? html`
<section class="appeal" aria-labelledby="appeal-title">
  <h2 id="appeal-title">Ajukan banding</h2>
  <p class="hint">Tidak setuju dengan keputusan? Dalam 30 hari setelah pengaduan diselesaikan, Anda dapat mengajukan banding; pengaduan Anda akan ditinjau ulang oleh instansi satu tingkat di atasnya.</p>
  <form method="post" action="/lacak/banding" class="appeal-form">
    ${code}
    <label for="alasan">Alasan banding</label>
    <textarea id="alasan" name="alasan" required maxlength="4000" rows="4">${typed('banding').text ?? ''}</textarea>
    ${pinField('banding', step)}
    <button type="submit" class="button-primary">Ajukan banding</button>
  </form>
</section>` : html`<p class="hint" id="appeal-closed">Batas waktu banding (30 hari setelah pengaduan diselesaikan) sudah lewat.</p>`}`;
}
