import type { ComplaintCategory, DisbursementFailureCode, DisbursementIssueOutcome } from '@aduan/sdk';
import { dateTimeWib, dateWib, relativeDays } from '../labels.js';
import type { Session } from '../sessions.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

/** Why a transfer failed, as banks' reconciliation sheets say it. */
export const FAILURE_LABELS: Record<DisbursementFailureCode, string> = {
  ACCOUNT_CLOSED: 'Rekening ditutup',
  ACCOUNT_DORMANT: 'Rekening pasif (dormant)',
  ACCOUNT_NOT_FOUND: 'Rekening tidak ditemukan',
  DECEASED: 'Penerima meninggal dunia',
  DUPLICATE_ACCOUNT: 'Rekening ganda',
  NAME_MISMATCH: 'Nama tidak sesuai',
  NIK_MISMATCH: 'NIK tidak sesuai',
  OTHER: 'Lainnya',
};

export const OUTCOME_LABELS: Record<DisbursementIssueOutcome, string> = {
  RESENT: 'Sudah ditransfer ulang',
  DATA_CORRECTED: 'Data rekening sudah diperbaiki (dibayar pada penyaluran berikutnya)',
  RETURNED_TO_TREASURY: 'Dikembalikan ke kas negara',
};

const CONFERENCE_STATUS: Record<string, string> = { SCHEDULED: 'Terjadwal', HELD: 'Sudah dilaksanakan', CANCELLED: 'Dibatalkan' };

export interface BankReferral {
  id: string;
  reason: string;
  createdAt: string;
  dueAt: string | null;
  /** The office that referred it; null when Aduan did at intake (a failed transfer). */
  from: string | null;
  complaint: {
    id: string;
    trackingCode: string;
    statusLabel: string;
    category: ComplaintCategory;
    createdAt: string;
    occurredOn: string | null;
    description: string;
    subjectNik: string | null;
    program: { code: string; name: string };
    region: { name: string };
    /** Masked for a bank; null when anonymous or confidential. */
    complainant: { name: string | null; nik: string | null; phone: string | null } | null;
  };
}

export interface BankIssue {
  id: string;
  period: string;
  /** Masked for the bank (it has `index` and its own records to find the row). */
  nik: string;
  amount: number;
  failureCode: DisbursementFailureCode;
  occurredOn: string;
  createdAt: string;
  program: { name: string };
  linkedComplaints: { trackingCode: string }[];
}

export interface BankConference {
  id: string;
  status: string;
  scheduledAt: string;
  location: string;
  agenda: string;
  heldAt: string | null;
  decisions: string | null;
  convenedBy: { name: string };
  participants: { id: string; name: string }[];
  complaints: { trackingCode: string }[];
  /** The bank's own action items only. */
  actions: { description: string; dueOn: string | null }[];
}

export interface FormError {
  /** The input's name; null: about the form as a whole. */
  field: string | null;
  message: string;
}

/** A form sent back: what was typed, and why it was not accepted. */
export interface BankForm {
  kind: 'referral' | 'issue';
  id: string;
  values: Record<string, string>;
  errors: FormError[];
  /** Someone else acted on the item meanwhile: what changed. */
  changed?: { title: string; text: string };
}

export interface BankView {
  session: Session;
  referrals: BankReferral[];
  truncated: boolean;
  issues: BankIssue[];
  issueCount: number;
  conferences: BankConference[];
  categories: { code: string; label: string }[];
  form: BankForm | null;
  notice: string | null;
}

const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

export function bankPage(view: BankView): Html {
  const { session, form } = view;
  const csrf = html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
  const formFor = (kind: BankForm['kind'], id: string) => (form && form.kind === kind && form.id === id ? form : null);
  const orphan = form && !(form.kind === 'referral' ? view.referrals.some((r) => r.id === form.id) : view.issues.some((i) => i.id === form.id)) ? form : null;

  /** The error of one input: its id for aria-describedby, and the message beside it. */
  const fieldError = (f: BankForm | null, field: string, id: string) => {
    const error = f?.errors.find((e) => e.field === field);
    return error ? { attrs: html` aria-invalid="true" aria-describedby="${id}-galat"`, message: html`<p class="field-error" id="${id}-galat">${error.message}</p>` } : { attrs: null, message: null };
  };
  const formErrors = (f: BankForm | null, known: string[]) => {
    const general = f?.errors.filter((e) => e.field === null || !known.includes(e.field)) ?? [];
    return html`${f?.changed && html`<div class="notice warn" role="alert"><strong>${f.changed.title}.</strong> ${f.changed.text}</div>`}
${general.length > 0 && !f?.changed && html`<div class="notice error" role="alert">${general.map((e) => html`<p>${e.message}</p>`)}</div>`}`;
  };

  const referrals = view.referrals.map((referral) => {
    const c = referral.complaint;
    const f = formFor('referral', referral.id);
    const answer = fieldError(f, 'answer', `jawab-${referral.id}`);
    const overdue = referral.dueAt !== null && new Date(referral.dueAt).getTime() < Date.now();
    return html`<article class="card" aria-labelledby="r-${referral.id}">
<h3 id="r-${referral.id}">${c.trackingCode} <small>${c.program.name} · ${view.categories.find((x) => x.code === c.category)?.label ?? c.category} · ${c.region.name}</small></h3>
<dl class="facts">
  <div><dt>Dirujuk oleh</dt><dd>${referral.from ?? 'Aduan (otomatis, transfer gagal)'} · ${dateTimeWib(referral.createdAt)}</dd></div>
  <div><dt>Batas jawaban</dt><dd>${referral.dueAt ? html`<span class="${overdue ? 'due-late' : ''}">${dateTimeWib(referral.dueAt)} (${relativeDays(referral.dueAt)})${overdue ? ' — terlambat' : ''}</span>` : '–'}</dd></div>
  <div><dt>Status pengaduan</dt><dd>${c.statusLabel} · diterima ${dateWib(c.createdAt)}${c.occurredOn ? ` · kejadian ${dateWib(c.occurredOn)}` : ''}</dd></div>
  <div><dt>Pelapor</dt><dd>${c.complainant ? [c.complainant.name ?? 'tanpa nama', c.complainant.nik && `NIK ${c.complainant.nik}`, c.complainant.phone].filter(Boolean).join(' · ') : 'dirahasiakan'}</dd></div>
  ${c.subjectNik && html`<div><dt>NIK keluarga penerima</dt><dd>${c.subjectNik}</dd></div>`}
</dl>
<p class="ask"><strong>Yang ditanyakan:</strong> ${referral.reason}</p>
<details><summary>Uraian pelapor</summary><p class="quote">${c.description}</p></details>
<form method="post" action="/bank/rujukan/${referral.id}" class="answer">
  ${csrf}
  ${formErrors(f, ['answer'])}
  <label for="jawab-${referral.id}">Jawaban bank untuk ${c.trackingCode}</label>
  <textarea id="jawab-${referral.id}" name="answer" maxlength="4000" required${answer.attrs}>${f?.values.answer ?? ''}</textarea>
  ${answer.message}
  <button>Kirim jawaban</button>
</form>
</article>`;
  });

  const issues = view.issues.map((issue) => {
    const f = formFor('issue', issue.id);
    const outcome = fieldError(f, 'outcome', `hasil-${issue.id}`);
    const resent = fieldError(f, 'resentOn', `tgl-${issue.id}`);
    const note = fieldError(f, 'note', `cat-${issue.id}`);
    const chosen = f?.values.outcome ?? '';
    return html`<tr>
  <td>${issue.program.name}<small>periode ${issue.period}</small></td>
  <td class="mono">${issue.nik}</td>
  <td class="num">${rupiah.format(issue.amount)}</td>
  <td>${FAILURE_LABELS[issue.failureCode] ?? issue.failureCode}<small>gagal ${dateWib(issue.occurredOn)}</small></td>
  <td>${issue.linkedComplaints.length ? issue.linkedComplaints.map((l) => l.trackingCode).join(', ') : html`<span class="muted">tidak ada</span>`}</td>
  <td>
    <form method="post" action="/bank/transfer/${issue.id}" class="resolve">
      ${csrf}
      ${formErrors(f, ['outcome', 'resentOn', 'note'])}
      <fieldset${outcome.attrs}><legend>Hasil</legend>
        ${(Object.keys(OUTCOME_LABELS) as DisbursementIssueOutcome[]).map((value) => html`<label class="check"><input type="radio" name="outcome" value="${value}" required${chosen === value ? html` checked` : null}> ${OUTCOME_LABELS[value]}</label>`)}
      </fieldset>
      ${outcome.message}
      <label for="tgl-${issue.id}">Tanggal transfer ulang <small>(hanya untuk “ditransfer ulang”)</small></label>
      <input id="tgl-${issue.id}" name="resentOn" type="date" value="${f?.values.resentOn ?? ''}"${resent.attrs}>
      ${resent.message}
      <label for="cat-${issue.id}">Catatan <small>(untuk Kemensos dan dinas sosial; tidak publik)</small></label>
      <textarea id="cat-${issue.id}" name="note" maxlength="2000" rows="2"${note.attrs}>${f?.values.note ?? ''}</textarea>
      ${note.message}
      <button>Catat penyelesaian</button>
    </form>
  </td>
</tr>`;
  });

  const conferences = view.conferences.map((c) => html`<article class="card" aria-labelledby="k-${c.id}">
<h3 id="k-${c.id}">${c.agenda} <small>${CONFERENCE_STATUS[c.status] ?? c.status} · ${dateTimeWib(c.heldAt ?? c.scheduledAt)} · ${c.location}</small></h3>
<dl class="facts">
  <div><dt>Diundang oleh</dt><dd>${c.convenedBy.name}</dd></div>
  <div><dt>Peserta</dt><dd>${c.participants.map((p) => p.name).join(', ')}</dd></div>
  ${c.complaints.length > 0 && html`<div><dt>Pengaduan</dt><dd>${c.complaints.map((x) => x.trackingCode).join(', ')}</dd></div>`}
</dl>
${c.decisions && html`<p><strong>Keputusan:</strong> ${c.decisions}</p>`}
${c.status === 'HELD'
  ? (c.actions.length
    ? html`<h4>Tindak lanjut bank Anda</h4><ul class="actions-list">${c.actions.map((a) => html`<li>${a.description}${a.dueOn && html` <span class="muted">— paling lambat ${dateWib(a.dueOn)} (${relativeDays(a.dueOn)})</span>`}</li>`)}</ul>`
    : html`<p class="muted">Tidak ada tindak lanjut untuk bank Anda.</p>`)
  : null}
</article>`);

  const body = html`<h1>Rujukan &amp; transfer gagal <small>${session.office.name}</small></h1>
${view.notice && html`<p class="notice ok" role="status">${view.notice}</p>`}
${orphan && html`<section class="notice warn" role="alert" aria-labelledby="orphan-h">
  <h2 id="orphan-h">${orphan.changed?.title ?? 'Isian belum terkirim'}</h2>
  <p>${orphan.changed?.text ?? orphan.errors.map((e) => e.message).join(' ')}</p>
  ${(orphan.values.answer || orphan.values.note) && html`<p><strong>Isian Anda:</strong></p><p class="quote">${orphan.values.answer || orphan.values.note}</p>`}
</section>`}
<nav class="jump" aria-label="Bagian halaman">
  <a href="#rujukan">Rujukan (${view.referrals.length})</a>
  <a href="#transfer">Transfer gagal (${view.issueCount})</a>
  <a href="#konferensi">Konferensi kasus (${view.conferences.length})</a>
</nav>
<section aria-labelledby="rujukan"><h2 id="rujukan">Rujukan yang perlu dijawab</h2>
<p class="muted">Pengaduan yang dirujuk ke bank Anda, batas jawaban terdekat dulu. Data pelapor disamarkan; jawaban Anda dibaca kantor yang merujuk, tidak dipublikasikan.</p>
${view.truncated && html`<p class="notice warn">Daftar ini memuat 500 pengaduan terbaru bank Anda; rujukan yang lebih lama mungkin tidak tampil.</p>`}
${referrals.length ? referrals : html`<p class="empty">Tidak ada rujukan yang menunggu jawaban.</p>`}
</section>
<section aria-labelledby="transfer"><h2 id="transfer">Transfer gagal yang masih terbuka</h2>
${view.issues.length === 0
  ? html`<p class="empty">Tidak ada transfer gagal yang masih terbuka.</p>`
  : html`${view.issueCount > view.issues.length && html`<p class="notice info">Menampilkan ${view.issues.length} dari ${view.issueCount} (terbaru dulu).</p>`}<div class="table-wrap"><table class="issues">
<caption class="visually-hidden">Transfer gagal yang dilaporkan bank Anda dan belum diselesaikan, terbaru dulu</caption>
<thead><tr><th scope="col">Program</th><th scope="col">NIK penerima</th><th scope="col" class="num">Jumlah</th><th scope="col">Sebab</th><th scope="col">Pengaduan terkait</th><th scope="col">Penyelesaian</th></tr></thead>
<tbody>${issues}</tbody>
</table></div>`}
</section>
<section aria-labelledby="konferensi"><h2 id="konferensi">Konferensi kasus</h2>
<p class="muted">Pertemuan yang mengundang bank Anda, terbaru dulu, dengan tindak lanjut yang menjadi tanggung jawab bank Anda.</p>
${conferences.length ? conferences : html`<p class="empty">Bank Anda belum diundang ke konferensi kasus.</p>`}
</section>`;
  return page({ title: 'Rujukan & transfer gagal', section: 'bank', session, body });
}
