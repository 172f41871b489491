import type { RecipientChangeKind, RecipientChangeStatus } from '@aduan/sdk';
import type { Deliberation, DeliberationSummary } from '../aduan.js';
import { dateTimeWib, dateWib, number } from '../labels.js';
import { html, type Html } from './html.js';
import { page, type Crumb } from './layout.js';

const KIND_LABELS: Record<RecipientChangeKind, string> = { ADD: 'Tambah penerima', REMOVE: 'Keluarkan', UPDATE: 'Perbaiki data' };
const STATUS_LABELS: Record<RecipientChangeStatus, string> = { APPROVED: 'Disetujui', REJECTED: 'Ditolak', PENDING: 'Menunggu' };

/** The document's type in words. */
const documentKind = (contentType: string) => (contentType === 'application/pdf' ? 'PDF' : 'foto');
const kilobytes = (size: number) => `${(size / 1024).toLocaleString('id-ID', { maximumFractionDigits: 0 })} kB`;

/** Whether the provenance chains of the approved changes verify, in words and a mark (never colour alone). */
function provenance(intact: boolean | null | undefined): Html {
  if (intact == null) return html`<span>Belum ada perubahan yang disetujui</span>`;
  return intact
    ? html`<span class="ok">✓ Utuh</span> <small>rantai asal-usul setiap perubahan yang disetujui terverifikasi</small>`
    : html`<span class="bad">✕ Tidak utuh</span> <small>rantai asal-usul salah satu perubahan tidak terverifikasi (lihat rinciannya)</small>`;
}

/** The address of a deliberation's own page. */
export const deliberationHref = (id: string) => `/musdes/${encodeURIComponent(id)}`;

/**
 * One deliberation: what it decided, the district's review, the minutes, the provenance check; in full (each
 * change, the counts per programme) or, for a summary, a link to its page.
 */
export function deliberation(d: Deliberation | DeliberationSummary, index: number): Html {
  const full = 'changes' in d ? d : null;
  const id = `musdes-${index + 1}`;
  return html`<article class="panel musdes" aria-labelledby="${id}-judul">
<h3 id="${id}-judul">Musdes ${dateWib(d.heldOn)} <small>Berita acara ${d.minutesNumber}</small></h3>
<dl class="facts">
  <div><dt>Dihadiri</dt><dd data-angka="hadir">${number(d.attendanceCount)} orang</dd></div>
  <div><dt>Dicatat oleh</dt><dd>${d.recordedBy} <small>${dateTimeWib(d.recordedAt)}</small></dd></div>
  <div><dt>Tinjauan kabupaten/kota</dt><dd>${d.review.complete ? 'Selesai' : 'Belum selesai'}: ${number(d.review.approved)} disetujui, ${number(d.review.rejected)} ditolak, ${number(d.review.pending)} menunggu${d.review.reviewedBy.length ? html`<small>oleh ${d.review.reviewedBy.join(', ')}${d.review.lastReviewedAt ? `, terakhir ${dateTimeWib(d.review.lastReviewedAt)}` : ''}</small>` : null}</dd></div>
  <div><dt>Asal-usul (provenance)</dt><dd>${provenance(d.provenanceIntact)}</dd></div>
  <div><dt>Berita acara bertanda tangan</dt><dd>${d.minutes
    ? html`<a href="${d.minutes.url}">Unduh berita acara (${documentKind(d.minutes.contentType)}, ${kilobytes(d.minutes.size)})</a><small>SHA-256 <span class="mono">${d.minutes.sha256.slice(0, 16)}…</span>${full?.minutes?.metadataRemoved ? ' · metadata dihapus' : ''}</small>`
    : 'Belum diunggah'}</dd></div>
</dl>
<div class="table-wrap" tabindex="0" role="region" aria-label="Usulan perubahan data penerima"><table class="figures changes-count">
<caption>Usulan perubahan data penerima</caption>
<thead><tr><th scope="col">Perubahan</th><th scope="col" class="num">Diusulkan</th><th scope="col" class="num">Disetujui</th><th scope="col" class="num">Ditolak</th><th scope="col" class="num">Menunggu</th></tr></thead>
<tbody>${d.changeCounts.map((c) => html`<tr><th scope="row">${KIND_LABELS[c.kind]}</th><td class="num">${number(c.proposed)}</td><td class="num">${number(c.approved)}</td><td class="num">${number(c.rejected)}</td><td class="num">${number(c.pending)}</td></tr>`)}</tbody>
</table></div>
${full && full.programChangeCounts.length > 0 && html`<div class="table-wrap" tabindex="0" role="region" aria-label="Perubahan per program"><table class="figures per-program">
<caption>Per program (penerima yang terdaftar di program itu)</caption>
<thead><tr><th scope="col">Program</th><th scope="col">Perubahan</th><th scope="col" class="num">Jumlah</th></tr></thead>
<tbody>${full?.programChangeCounts.map((c) => html`<tr><th scope="row">${c.program.name}</th><td>${KIND_LABELS[c.kind]}</td><td class="num">${number(c.count)}</td></tr>`)}</tbody>
</table></div>`}
${full ? html`<details class="more"><summary>Rincian ${number(full.changes.length)} perubahan (nama disamarkan)</summary>
<div class="table-wrap" tabindex="0" role="region" aria-label="Rincian perubahan"><table class="figures changes">
<thead><tr><th scope="col" class="num">No.</th><th scope="col">Nama</th><th scope="col">Perubahan</th><th scope="col">Program</th><th scope="col">Status</th><th scope="col">Asal-usul</th></tr></thead>
<tbody>${full.changes.map((c) => html`<tr>
  <td class="num">${c.position}</td>
  <td class="mono">${c.name ?? '–'}</td>
  <td>${KIND_LABELS[c.kind]}</td>
  <td>${c.programs.map((p) => p.code).join(', ') || '–'}</td>
  <td>${STATUS_LABELS[c.status]}${c.reviewedBy ? html`<small>${c.reviewedBy}</small>` : null}</td>
  <td>${c.provenance == null ? '–' : c.provenance.intact && c.provenance.changeRecorded ? html`<span class="ok">✓ Utuh</span>` : html`<span class="bad">✕ Rusak</span>`}</td>
</tr>`)}</tbody>
</table></div>
</details>` : html`<p><a href="${deliberationHref(d.id)}">Rincian Musdes ${dateWib(d.heldOn)}: setiap perubahan, per program, asal-usulnya</a></p>`}
</article>`;
}

/** The village's deliberations section. */
export function deliberationsSection(villageName: string, list: { totalCount: number; summaries: DeliberationSummary[]; newest: Deliberation | null }): Html {
  const shown = list.summaries.map((summary, i) => (i === 0 && list.newest ? list.newest : summary));
  return html`<section aria-labelledby="musdes-judul" id="musdes">
<h2 id="musdes-judul">Musyawarah desa (Musdes)</h2>
<p class="lead">Musdes memutuskan usulan perubahan data penerima bantuan di ${villageName}; kantor dinas sosial kabupaten/kota meninjau setiap usulan. Nama penerima disamarkan; NIK tidak pernah ditampilkan.</p>
${shown.length === 0
  ? html`<p class="empty">Belum ada Musdes yang dipublikasikan untuk ${villageName}.</p>`
  : shown.map(deliberation)}
${list.totalCount > shown.length && html`<p class="muted">${number(shown.length)} Musdes terbaru dari ${number(list.totalCount)}.</p>`}
</section>`;
}

/** When Aduan could not answer for the deliberations: the rest of the page still shows. */
export function deliberationsUnavailable(): Html {
  return html`<section aria-labelledby="musdes-judul" id="musdes"><h2 id="musdes-judul">Musyawarah desa (Musdes)</h2>
<p class="notice warn" role="status">Data Musdes belum dapat dimuat saat ini. Silakan muat ulang halaman sebentar lagi.</p></section>`;
}

/** A deliberation's own page: everything public about it. */
export function deliberationPage(d: Deliberation, crumbs: Crumb[]): Html {
  return page({
    title: `Musdes ${d.village.name}, ${dateWib(d.heldOn)}`, path: deliberationHref(d.id), crumbs,
    body: html`<p class="lead">Nama penerima disamarkan; NIK tidak pernah ditampilkan.</p>${deliberation(d, 0)}`,
  });
}
