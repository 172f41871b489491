import { randomUUID } from 'node:crypto';
import type { Tier } from '@aduan/sdk';
import { ACTIONS, many, one, tiersAbove, wibLocal, type ActionDef, type ActionKey, type FieldError, type FormValues } from '../complaint-actions.js';
import type { PossibleDuplicate, TimelineEvent } from '../complaint-data.js';
import { DECISION_LABELS, ORGANISATION_KIND_LABELS, REJECTION_LABELS, TIER_LABELS, VISIT_OUTCOME_LABELS, dateTimeWib } from '../labels.js';
import type { ComplaintView } from './complaint-page.js';
import { html, type Html } from './html.js';
import { eventLine } from './complaint-timeline.js';

/** The form being redrawn: what the officer typed, what Aduan said, and (on STALE_VERSION) what changed meanwhile. */
export interface ActiveForm {
  action: ActionKey;
  values: FormValues;
  errors: FieldError[];
  stale?: { events: TimelineEvent[] };
}

interface Option {
  value: string;
  label: string;
  group?: string;
}

/** One form's helpers: ids, values and errors of its fields. */
class FormParts {
  constructor(readonly action: ActionDef, private readonly active: ActiveForm | undefined) {}

  id(name: string): string {
    return `${this.action.key}-${name}`;
  }

  value(name: string, fallback = ''): string {
    return this.active ? one(this.active.values[name]) : fallback;
  }

  values(name: string): string[] {
    return this.active ? many(this.active.values[name]) : [];
  }

  errorsOf(name: string | null): FieldError[] {
    return this.active?.errors.filter((error) => error.field === name) ?? [];
  }

  /** The attributes that tie a field to its error message, when it has one. */
  private invalid(name: string, hint?: string): Html {
    const describedBy = [hint ? `${this.id(name)}-petunjuk` : '', this.errorsOf(name).length ? `${this.id(name)}-salah` : ''].filter(Boolean).join(' ');
    return html`${describedBy && html` aria-describedby="${describedBy}"`}${this.errorsOf(name).length > 0 && html` aria-invalid="true"`}`;
  }

  private after(name: string, hint?: string): Html {
    const errors = this.errorsOf(name);
    return html`${hint && html`<small id="${this.id(name)}-petunjuk">${hint}</small>`}${errors.length > 0 && html`<p class="field-error" id="${this.id(name)}-salah">${errors.map((e) => html`<span>Perlu diperbaiki: ${e.message}</span>`)}</p>`}`;
  }

  textarea(name: string, label: string, hint?: string, fallback = ''): Html {
    return html`<label for="${this.id(name)}">${label}</label>
<textarea id="${this.id(name)}" name="${name}" rows="3"${this.invalid(name, hint)}>${this.value(name, fallback)}</textarea>${this.after(name, hint)}`;
  }

  input(name: string, label: string, type: 'text' | 'datetime-local' | 'date', hint?: string, fallback = ''): Html {
    return html`<label for="${this.id(name)}">${label}</label>
<input id="${this.id(name)}" name="${name}" type="${type}" value="${this.value(name, fallback)}"${this.invalid(name, hint)}>${this.after(name, hint)}`;
  }

  select(name: string, label: string, options: Option[], opts: { empty?: string; multiple?: boolean; hint?: string; fallback?: string } = {}): Html {
    const chosen = opts.multiple ? this.values(name) : [this.value(name, opts.fallback ?? '')];
    const option = (o: Option) => html`<option value="${o.value}"${chosen.includes(o.value) ? html` selected` : null}>${o.label}</option>`;
    const groups = [...new Set(options.map((o) => o.group ?? ''))];
    const body = groups.length > 1 || groups[0] !== ''
      ? groups.map((group) => html`<optgroup label="${group}">${options.filter((o) => (o.group ?? '') === group).map(option)}</optgroup>`)
      : options.map(option);
    return html`<label for="${this.id(name)}">${label}</label>
<select id="${this.id(name)}" name="${name}"${opts.multiple ? html` multiple size="6"` : null}${this.invalid(name, opts.hint)}>${opts.empty !== undefined && html`<option value="">${opts.empty}</option>`}${body}</select>${this.after(name, opts.hint)}`;
  }

  /** Errors Aduan gave that name no field of the form (or the form as a whole). */
  general(): Html {
    const fields = new Set(this.action.fields);
    const errors = this.active?.errors.filter((error) => error.field === null || !fields.has(error.field)) ?? [];
    return html`${errors.length > 0 && html`<div class="notice error" role="alert">${errors.map((e) => html`<p>${e.message}</p>`)}</div>`}`;
  }
}

/** The hidden fields every form carries, and the form itself. */
function form(view: ComplaintView, action: ActionDef, fields: (parts: FormParts) => Html, options: { idempotent?: boolean; danger?: boolean; intro?: Html } = {}): Html {
  const active = view.form?.action === action.key ? view.form : undefined;
  const parts = new FormParts(action, active);
  const lastSeq = view.complaint.timeline.edges.at(-1)?.node.seq ?? 0;
  const stale = active?.stale;
  return html`<section class="action${active ? ' active' : ''}" id="tindakan-${action.key}" aria-labelledby="${action.key}-judul">
<h3 id="${action.key}-judul">${action.title}</h3>
${stale && staleNotice(stale.events)}
${parts.general()}
${options.intro}
<form method="post" action="/pengaduan/${view.complaint.id}/tindakan/${action.key}" class="stack">
<input type="hidden" name="_csrf" value="${view.session.csrf}">
${action.versioned && html`<input type="hidden" name="version" value="${view.complaint.version}">`}
<input type="hidden" name="seq" value="${lastSeq}">
${options.idempotent && html`<input type="hidden" name="idempotencyKey" value="${parts.value('idempotencyKey') || randomUUID()}">`}
${fields(parts)}
<div><button${options.danger ? html` class="danger"` : null}>${stale ? `Kirim ulang: ${action.button}` : action.button}</button></div>
</form>
</section>`;
}

/** What the officer is told on STALE_VERSION: who did what since they read the complaint, and that their input is kept. */
function staleNotice(events: TimelineEvent[]): Html {
  return html`<div class="notice warn stale" role="alert">
<p><strong>Pengaduan ini berubah sejak Anda membukanya.</strong> Tindakan Anda belum disimpan. Yang terjadi sejak itu:</p>
${events.length
  ? html`<ul>${events.map((event) => html`<li>${eventLine(event)}</li>`)}</ul>`
  : html`<p>Perubahan tidak tercatat di riwayat yang dapat Anda lihat.</p>`}
<p>Isian Anda tetap di bawah, kini atas versi terbaru. Periksa apakah masih sesuai, lalu kirim ulang.</p>
</div>`;
}

export function actionForm(view: ComplaintView, action: ActionDef): Html {
  const c = view.complaint;
  switch (action.key) {
    case 'verifikasi':
      return form(view, action, () => html``, { intro: html`<p>Pengaduan ini lengkap dan dapat ditangani (Diterima → Terverifikasi).</p>` });
    case 'minta-informasi':
      return form(view, action, (p) => p.textarea('message', 'Informasi yang diminta', 'Dikirim ke pelapor; batas waktu dijeda sampai ia menjawab.'));
    case 'tanggapan':
      return form(view, action, (p) => p.textarea('message', 'Tanggapan', 'Tampil bagi pelapor di halaman lacak pengaduan.'));
    case 'catatan':
      return form(view, action, (p) => p.textarea('note', 'Catatan', 'Hanya untuk petugas; tidak pernah tampil bagi pelapor atau bank.'));
    case 'tugaskan':
      return form(view, action, (p) => html`
${p.select('officer', 'Petugas kantor Anda', view.colleagues.map((a) => ({ value: a.officerId, label: a.name })), { empty: '— pilih petugas —' })}
${p.input('officerName', 'Atau nama petugas lain', 'text', 'Bila petugas belum punya akun konsol.')}`);
    case 'rujuk': {
      const targets = view.directory.filter((o) => o.id !== view.session.office.id);
      return form(view, action, (p) => html`
${p.select('organisationId', 'Tujuan rujukan', targets.map((o) => ({ value: o.id, label: o.name, group: ORGANISATION_KIND_LABELS[o.kind] ?? o.kind })), { empty: '— pilih bank atau instansi —' })}
${p.textarea('reason', 'Alasan rujukan', 'Dibaca penerima rujukan.')}`, { idempotent: true });
    }
    case 'naikkan':
      return form(view, action, (p) => html`
${p.select('toTier', 'Ke tingkat', tiersAbove(c.currentTier).map((t: Tier) => ({ value: t, label: TIER_LABELS[t] })), { empty: 'Satu tingkat di atas' })}
${p.textarea('reason', 'Alasan eskalasi')}`);
    case 'selesaikan':
      return form(view, action, (p) => html`
${p.select('decision', 'Keputusan', Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label })), { empty: '— pilih keputusan —' })}
${p.textarea('publicResponse', 'Tanggapan untuk pelapor', 'Tampil bagi pelapor bersama keputusannya.')}`);
    case 'tolak':
      return form(view, action, (p) => html`
${p.select('reason', 'Alasan penolakan', Object.entries(REJECTION_LABELS).map(([value, label]) => ({ value, label })), { empty: '— pilih alasan —' })}
${p.textarea('publicMessage', 'Penjelasan untuk pelapor')}`, { danger: true });
    case 'duplikat':
      return form(view, action, (p) => duplicateChoice(p, view.duplicates));
    case 'koreksi':
      return form(view, action, (p) => html`
${p.select('category', 'Kategori', view.categories.map((x) => ({ value: x.code, label: x.label })), { fallback: c.category })}
${p.select('programCode', 'Program', view.programs.map((x) => ({ value: x.code, label: x.name })), { fallback: c.program.code })}
${p.select('regionCode', 'Desa/kelurahan', (view.villages.some((v) => v.code === c.region.code) ? view.villages : [{ code: c.region.code, name: c.region.name }, ...view.villages]).map((x) => ({ value: x.code, label: x.name })), { fallback: c.region.code, hint: 'Desa lain di kecamatan yang sama. Pengaduan dialihkan bila kantor penanganannya berubah.' })}
${p.textarea('reason', 'Alasan koreksi', 'Dicatat di riwayat bersama data sebelum dan sesudahnya.')}`);
    case 'jadwal-rapat':
      return form(view, action, (p) => html`
${p.input('scheduledAt', 'Tanggal dan jam (WIB)', 'datetime-local')}
${p.input('location', 'Tempat', 'text')}
${p.textarea('agenda', 'Agenda')}
${p.select('participantIds', 'Undang peserta', view.directory.filter((o) => o.id !== view.session.office.id).map((o) => ({ value: o.id, label: o.name, group: ORGANISATION_KIND_LABELS[o.kind] ?? o.kind })), { multiple: true, hint: 'Tahan Ctrl untuk memilih lebih dari satu.' })}`, { idempotent: true });
    case 'catat-rapat': {
      const scheduled = c.caseConferences.filter((conference) => conference.status === 'SCHEDULED');
      const chosen = c.caseConferences.find((conference) => conference.id === view.form?.values.caseConferenceId) ?? scheduled[0];
      const responsible = [{ id: view.session.office.id, name: view.session.office.name }, ...(chosen?.participants ?? [])];
      return form(view, action, (p) => html`
${p.select('caseConferenceId', 'Rapat', scheduled.map((x) => ({ value: x.id, label: `${dateTimeWib(x.scheduledAt)} — ${x.location}` })))}
${p.input('heldAt', 'Diadakan pada (WIB)', 'datetime-local', 'Kosongkan bila sesuai jadwal.')}
${p.textarea('decisions', 'Keputusan rapat')}
<fieldset><legend>Tindak lanjut (boleh kosong)</legend>
${p.input('actionDescription', 'Tindak lanjut', 'text')}
${p.select('actionOrganisationId', 'Oleh', responsible.map((o) => ({ value: o.id, label: o.name })), { empty: '— pilih —' })}
${p.input('actionDueOn', 'Paling lambat', 'date')}
</fieldset>`);
    }
    case 'jadwal-kunjungan':
      return form(view, action, (p) => html`
${p.input('scheduledFor', 'Tanggal dan jam kunjungan (WIB)', 'datetime-local')}
${p.input('socialWorkerName', 'Pekerja sosial yang berkunjung', 'text', undefined, view.session.account.name)}`, { idempotent: true });
    case 'catat-kunjungan': {
      const planned = c.homeVisits.filter((visit) => !visit.visitedAt);
      return form(view, action, (p) => html`
${p.select('homeVisitId', 'Kunjungan', planned.map((x) => ({ value: x.id, label: `${dateTimeWib(x.scheduledFor)} — ${x.socialWorkerName}` })))}
${p.input('visitedAt', 'Dikunjungi pada (WIB)', 'datetime-local', undefined, wibLocal(new Date().toISOString()))}
${p.select('outcome', 'Hasil', Object.entries(VISIT_OUTCOME_LABELS).map(([value, label]) => ({ value, label })), { empty: '— pilih hasil —' })}
${p.textarea('findings', 'Temuan')}`);
    }
  }
}

function duplicateChoice(p: FormParts, duplicates: PossibleDuplicate[] | null): Html {
  if (!duplicates?.length) {
    return html`<p class="muted">Aduan tidak menemukan pengaduan lain yang mirip. Tulis ID pengaduan asalnya bila Anda tahu.</p>
${p.input('duplicateOfId', 'ID pengaduan asal', 'text')}`;
  }
  const chosen = p.value('duplicateOfId', duplicates[0].id);
  const errors = p.errorsOf('duplicateOfId');
  return html`<fieldset${errors.length > 0 && html` aria-describedby="duplikat-duplicateOfId-salah"`}><legend>Pengaduan asal</legend>
${duplicates.map((d) => html`<label class="check"><input type="radio" name="duplicateOfId" value="${d.id}"${d.id === chosen ? html` checked` : null}> ${d.trackingCode} · ${d.statusLabel} · ${dateTimeWib(d.createdAt)}</label>`)}
</fieldset>${errors.length > 0 && html`<p class="field-error" id="duplikat-duplicateOfId-salah">${errors.map((e) => html`<span>Perlu diperbaiki: ${e.message}</span>`)}</p>`}`;
}

/** Which steps the page offers, in two groups, for the complaint's status. Closed complaints keep only the record-keeping ones. */
export function actionsFor(view: ComplaintView): { main: ActionDef[]; other: ActionDef[] } {
  const c = view.complaint;
  const open = ['RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'PENDING_INFO'].includes(c.status);
  const offered = ACTIONS.filter((action) => {
    // The form being redrawn stays, whatever the status became meanwhile (STALE_VERSION: someone resolved it):
    // the officer sees what they typed and what changed, and Aduan says whether the step still applies.
    if (view.form?.action === action.key) return true;
    if (action.key === 'catat-rapat') return c.caseConferences.some((x) => x.status === 'SCHEDULED');
    if (action.key === 'catat-kunjungan') return c.homeVisits.some((x) => !x.visitedAt);
    if (!open) return action.key === 'catatan';
    // Verifying is the first step only; a complaint already verified has nothing to verify.
    if (action.key === 'verifikasi') return c.status === 'RECEIVED';
    return true;
  });
  // The form being redrawn is always among the main ones, so the officer finds it where they were.
  const isMain = (action: ActionDef) => action.mainIn.includes(c.status) || view.form?.action === action.key
    || (action.key === 'duplikat' && (view.duplicates?.length ?? 0) > 0) || action.key === 'catat-rapat' || action.key === 'catat-kunjungan';
  return { main: offered.filter(isMain), other: offered.filter((action) => !isMain(action)) };
}
