import type { TrackingFieldsFragment } from '@aduan/sdk';
import { formatDateTime } from '../labels.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

export type TrackingResult =
  /** Nothing asked yet: just the form. */
  | { kind: 'form' }
  | { kind: 'missing-code' }
  | { kind: 'not-found'; code: string }
  | { kind: 'found'; code: string; tracking: TrackingFieldsFragment }
  /** Aduan could not be asked (down, slow, rate limited): the message says what to do. */
  | { kind: 'unavailable'; code: string; message: string };

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
      return status(result.tracking);
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
