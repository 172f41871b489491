import type { Account } from '../accounts.js';
import type { Category, Program, Region } from '../aduan.js';
import { actsAtTier } from '../complaint-actions.js';
import type { ComplaintDetail, DirectoryEntry, PossibleDuplicate } from '../complaint-data.js';
import { DECISION_LABELS, EVIDENCE_KIND_LABELS, TIER_LABELS, VISIT_OUTCOME_LABELS, dateTimeWib, dateWib, relativeDays } from '../labels.js';
import type { Session } from '../sessions.js';
import { actionForm, actionsFor, type ActiveForm } from './complaint-forms.js';
import { timeline } from './complaint-timeline.js';
import { html, type Html } from './html.js';
import { slaBadge } from './inbox-page.js';
import { page } from './layout.js';

export interface ComplaintView {
  session: Session;
  complaint: ComplaintDetail;
  categories: Category[];
  programs: Program[];
  /** The villages of the complaint's kecamatan (to correct the village). */
  villages: Region[];
  directory: DirectoryEntry[];
  /** null: the Aduan behind the console cannot say (an older server). */
  duplicates: PossibleDuplicate[] | null;
  colleagues: Account[];
  /** After a step worked: what it did. */
  notice?: string;
  /** The complainant's identity was asked for (and logged) for this answer. */
  revealed: boolean;
  form?: ActiveForm;
}

const REFERRAL_STATUS: Record<string, string> = { OPEN: 'Menunggu jawaban', ANSWERED: 'Dijawab', WITHDRAWN: 'Ditarik' };
const CONFERENCE_STATUS: Record<string, string> = { SCHEDULED: 'Dijadwalkan', HELD: 'Sudah diadakan', CANCELLED: 'Dibatalkan' };
const ISSUE_STATUS: Record<string, string> = { OPEN: 'Belum selesai', RESOLVED: 'Selesai' };
const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

function categoryLabel(view: ComplaintView): string {
  return view.categories.find((c) => c.code === view.complaint.category)?.label ?? view.complaint.category;
}

function regionPath(c: ComplaintDetail): string {
  return [c.region.name, c.region.parent?.name, c.region.parent?.parent?.name].filter(Boolean).join(', ');
}

function summary(view: ComplaintView): Html {
  const c = view.complaint;
  const assigned = c.assignedOfficer?.name ?? c.assignedOfficerName;
  return html`<dl class="facts">
<div><dt>Status</dt><dd>${c.statusLabel}${c.resolutionDecision && html`<small>Keputusan: ${DECISION_LABELS[c.resolutionDecision]}</small>`}</dd></div>
<div><dt>Tenggat (SLA)</dt><dd>${slaBadge(c.slaState)}${c.dueAt && html`<small>jatuh tempo ${dateTimeWib(c.dueAt)} (${relativeDays(c.dueAt)})</small>`}</dd></div>
<div><dt>Tingkat penanganan</dt><dd>${TIER_LABELS[c.currentTier]}${c.villageBypassed && html`<small>langsung ke kabupaten/kota (desa dilewati)</small>`}</dd></div>
<div><dt>Program</dt><dd>${c.program.name}</dd></div>
<div><dt>Kategori</dt><dd>${categoryLabel(view)}</dd></div>
<div><dt>Wilayah</dt><dd>${regionPath(c)}</dd></div>
<div><dt>Diterima</dt><dd>${dateTimeWib(c.createdAt)}<small>melalui ${c.submittedBy?.name ?? c.channel.description}</small></dd></div>
${c.occurredOn && html`<div><dt>Kejadian</dt><dd>${dateWib(c.occurredOn)}</dd></div>`}
<div><dt>Ditangani oleh</dt><dd>${c.assignedTo?.name ?? html`<span class="muted">belum ditugaskan</span>`}${assigned && html`<small>petugas: ${assigned}</small>`}</dd></div>
${c.duplicateOf && html`<div><dt>Duplikat dari</dt><dd><a href="/pengaduan/${c.duplicateOf.id}">${c.duplicateOf.trackingCode}</a><small>${c.duplicateOf.statusLabel}</small></dd></div>`}
${c.appealOf && html`<div><dt>Banding atas</dt><dd><a href="/pengaduan/${c.appealOf.id}">${c.appealOf.trackingCode}</a><small>${c.appealOf.statusLabel}</small></dd></div>`}
</dl>
<h2 id="uraian">Uraian pengaduan</h2>
<p class="description">${c.description}</p>`;
}

/** The complainant: not read until the officer asks, and then only on that answer. */
function complainant(view: ComplaintView): Html {
  const c = view.complaint;
  const intro = html`<h2 id="pelapor">Pelapor</h2>`;
  if (!view.revealed) {
    return html`${intro}
<p>Identitas pelapor (nama, NIK, nomor telepon) disembunyikan.</p>
<form method="post" action="/pengaduan/${c.id}/identitas" class="reveal">
<input type="hidden" name="_csrf" value="${view.session.csrf}">
<button class="secondary" aria-describedby="pelapor-catatan">Tampilkan NIK dan nomor telepon</button>
<small id="pelapor-catatan">Dicatat atas nama Anda (${view.session.account.name}, ${view.session.office.name}) di log akses data pribadi Aduan. Buka hanya bila perlu untuk menangani pengaduan ini.</small>
</form>`;
  }
  const who = c.complainant;
  if (!who) {
    return html`${intro}<p>Pelapor tidak mencantumkan identitas (anonim), atau identitasnya dirahasiakan bagi peran kantor Anda.</p>
${c.subjectNik && html`<p>NIK yang diadukan: <strong>${c.subjectNik}</strong></p>`}`;
  }
  return html`${intro}
<div class="notice info" role="status">Ditampilkan hanya pada halaman ini; pembacaan ini sudah dicatat atas nama Anda. <a href="/pengaduan/${c.id}">Sembunyikan</a></div>
${who.masked && html`<p>Aduan menyamarkan data ini untuk peran kantor Anda.</p>`}
<dl class="facts identity">
<div><dt>Nama</dt><dd>${who.name ?? '–'}${who.confidential && html`<small>minta dirahasiakan</small>`}</dd></div>
<div><dt>NIK</dt><dd class="nik">${who.nik ?? '–'}</dd></div>
<div><dt>Telepon</dt><dd>${who.phone ?? '–'}</dd></div>
${who.email && html`<div><dt>Surel</dt><dd>${who.email}</dd></div>`}
${c.subjectNik && html`<div><dt>NIK yang diadukan</dt><dd>${c.subjectNik}</dd></div>`}
</dl>`;
}

function evidence(view: ComplaintView): Html {
  const c = view.complaint;
  if (!c.evidence.length) return html``;
  const src = (id: string) => `/pengaduan/${c.id}/bukti/${id}`;
  return html`<h2 id="bukti">Bukti</h2>
<ul class="evidence">${c.evidence.map((e) => {
  const label = `${EVIDENCE_KIND_LABELS[e.kind] ?? e.kind}${e.fileName ? `: ${e.fileName}` : ''}`;
  return html`<li>
${e.contentType.startsWith('image/')
  ? html`<a href="${src(e.id)}"><img src="${src(e.id)}" alt="${label}" loading="lazy" width="240"></a>`
  : html`<a href="${src(e.id)}">${e.contentType === 'application/pdf' ? 'Buka PDF' : 'Unduh berkas'}: ${label}</a>`}
<small>${label} · ${Math.ceil(e.size / 1024)} kB · dilampirkan ${e.attachedBy.name}, ${dateTimeWib(e.attachedAt)}</small>
</li>`;
})}</ul>
<p class="muted">Setiap unduhan bukti dicatat atas nama Anda.</p>`;
}

function related(view: ComplaintView): Html {
  const c = view.complaint;
  return html`
${c.referrals.length > 0 && html`<h2 id="rujukan">Rujukan</h2>
<ul class="cards">${c.referrals.map((r) => html`<li>
<p><strong>${r.toOrganisation.name}</strong> — ${REFERRAL_STATUS[r.status] ?? r.status}</p>
<small>dirujuk ${r.fromOrganisation ? `oleh ${r.fromOrganisation.name}, ` : ''}${dateTimeWib(r.createdAt)}${r.dueAt ? `; dijawab paling lambat ${dateTimeWib(r.dueAt)}` : ''}</small>
<p>Alasan: ${r.reason}</p>
${r.answer && html`<p>Jawaban (${dateTimeWib(r.answeredAt)}): ${r.answer}</p>`}
</li>`)}</ul>`}
${c.disbursementIssues.length > 0 && html`<h2 id="transfer">Transfer gagal terkait</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Transfer gagal yang dikaitkan dengan pengaduan ini</caption>
<thead><tr><th scope="col">Bank</th><th scope="col">Program &amp; periode</th><th scope="col">Nilai</th><th scope="col">Sebab</th><th scope="col">Status</th></tr></thead>
<tbody>${c.disbursementIssues.map((i) => html`<tr><td>${i.bank.name}</td><td>${i.program.name}<small>${i.period}</small></td><td>${rupiah.format(i.amount)}</td><td>${i.failureCode}<small>${dateWib(i.occurredOn)}</small></td><td>${ISSUE_STATUS[i.status] ?? i.status}${i.resolutionNote && html`<small>${i.resolutionNote}</small>`}</td></tr>`)}</tbody>
</table></div>`}
${c.caseConferences.length > 0 && html`<h2 id="rapat">Rapat kasus</h2>
<ul class="cards">${c.caseConferences.map((x) => html`<li>
<p><strong>${dateTimeWib(x.scheduledAt)}</strong>, ${x.location} — ${CONFERENCE_STATUS[x.status] ?? x.status}</p>
<small>diundang ${x.convenedBy.name}; peserta: ${x.participants.map((o) => o.name).join(', ') || '–'}</small>
<p>Agenda: ${x.agenda}</p>
${x.decisions && html`<p>Keputusan${x.heldAt ? ` (${dateTimeWib(x.heldAt)})` : ''}: ${x.decisions}</p>`}
${x.actions.length > 0 && html`<ul>${x.actions.map((a) => html`<li>${a.description} — ${a.responsibleOrganisation.name}${a.dueOn ? `, paling lambat ${dateWib(a.dueOn)}` : ''}</li>`)}</ul>`}
</li>`)}</ul>`}
${c.homeVisits.length > 0 && html`<h2 id="kunjungan">Kunjungan rumah</h2>
<ul class="cards">${c.homeVisits.map((v) => html`<li>
<p><strong>${dateTimeWib(v.scheduledFor)}</strong> — ${v.socialWorkerName} (${v.organisation.name})</p>
${v.visitedAt ? html`<p>Dikunjungi ${dateTimeWib(v.visitedAt)}: ${v.outcome ? VISIT_OUTCOME_LABELS[v.outcome] ?? v.outcome : ''}</p>${v.findings && html`<p>Temuan: ${v.findings}</p>`}` : html`<small>belum dikunjungi</small>`}
</li>`)}</ul>`}
${view.duplicates && view.duplicates.length > 0 && html`<h2 id="kemungkinan-duplikat">Kemungkinan duplikat</h2>
<ul class="cards">${view.duplicates.map((d) => html`<li><a href="/pengaduan/${d.id}">${d.trackingCode}</a> — ${d.statusLabel}<small>${d.program.name} · ${view.categories.find((x) => x.code === d.category)?.label ?? d.category} · ${d.region.name} · ${dateTimeWib(d.createdAt)}</small></li>`)}</ul>`}`;
}

function actions(view: ComplaintView): Html {
  const c = view.complaint;
  if (view.session.office.role !== 'HANDLER') return html``;
  if (!actsAtTier(view.session, c.currentTier)) {
    return html`<h2 id="tindakan">Tindakan</h2><p class="notice info">Pengaduan ini ditangani di tingkat ${TIER_LABELS[c.currentTier]}; kantor Anda dapat membacanya, tidak bertindak atasnya.</p>`;
  }
  const { main, other } = actionsFor(view);
  const otherOpen = other.some((action) => action.key === view.form?.action);
  return html`<h2 id="tindakan">Tindakan</h2>
${main.map((action) => actionForm(view, action))}
${other.length > 0 && html`<details class="more"${otherOpen ? html` open` : null}><summary>Tindakan lain</summary>
${other.map((action) => actionForm(view, action))}
</details>`}`;
}

export function complaintPage(view: ComplaintView): Html {
  const c = view.complaint;
  const events = c.timeline.edges.map((edge) => edge.node);
  const bank = view.session.office.role === 'BANK';
  const body = html`<p class="crumbs">${bank ? html`<a href="/bank">« Rujukan &amp; transfer gagal</a>` : html`<a href="/">« Kotak masuk</a>`}</p>
<h1>Pengaduan ${c.trackingCode} <small>${c.statusLabel}</small></h1>
${view.notice && html`<p class="notice ok" role="status">${view.notice}</p>`}
${view.form && view.form.errors.length > 0 && !view.form.stale && html`<p class="notice error" role="alert">Tindakan belum disimpan: periksa isian yang ditandai di <a href="#tindakan-${view.form.action}">formulir</a>.</p>`}
${view.form?.stale && html`<p class="notice warn" role="alert">Pengaduan ini berubah sejak Anda membukanya: lihat <a href="#tindakan-${view.form.action}">apa yang berubah</a>, lalu kirim ulang.</p>`}
<div class="complaint-grid">
<div class="complaint-main">
${summary(view)}
${complainant(view)}
${evidence(view)}
<h2 id="riwayat">Riwayat penanganan</h2>
${timeline(events, c.timeline.totalCount)}
${related(view)}
</div>
<div class="complaint-actions">
${actions(view)}
</div>
</div>`;
  return page({ title: `Pengaduan ${c.trackingCode}`, section: bank ? 'bank' : 'kotak-masuk', session: view.session, body });
}
