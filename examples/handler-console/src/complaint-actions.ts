import type { ComplaintStatus, Tier } from '@aduan/sdk';
import type { Account } from './accounts.js';
import type { ComplaintDetail } from './complaint-data.js';
import type { Session } from './sessions.js';

/**
 * The steps an officer can take on a complaint, each one mutation of Aduan.
 * The console checks only what it must to build the input (a date it can
 * read, an officer it knows); whether the step is allowed — the status, the
 * tier, the jurisdiction, the wording — is Aduan's to say, in userErrors,
 * which the page shows next to the field each names.
 */

/** What the officer typed into one form: field name → value (several values for a multiple choice). */
export type FormValues = Record<string, string | string[]>;

export interface FieldError {
  /** The form's field the message belongs next to; null for the form as a whole. */
  field: string | null;
  message: string;
}

export interface UserError {
  code: string;
  field: string[] | null;
  message: string;
}

export type ActionKey =
  | 'verifikasi' | 'minta-informasi' | 'tanggapan' | 'catatan' | 'tugaskan' | 'rujuk' | 'naikkan' | 'selesaikan'
  | 'tolak' | 'duplikat' | 'koreksi' | 'jadwal-rapat' | 'catat-rapat' | 'jadwal-kunjungan' | 'catat-kunjungan';

export interface ActionContext {
  session: Session;
  complaint: ComplaintDetail;
  /** The console's accounts of the officer's own organisation's client (colleagues to assign to). */
  colleagues: Account[];
}

export interface ActionDef {
  key: ActionKey;
  title: string;
  button: string;
  /** What the redirect's notice says after it worked. */
  done: string;
  payload: string;
  mutation: string;
  /** Whether the step carries the complaint's version (and so can meet STALE_VERSION). */
  versioned: boolean;
  /** The statuses it is a main step for; in other statuses it waits under "Tindakan lain". */
  mainIn: ComplaintStatus[];
  /** The form's field names, in order: a userError naming another field is shown at the top of the form. */
  fields: string[];
  /** The mutation's input, or the errors the console found before asking. */
  input(values: FormValues, ctx: ActionContext): { input: Record<string, unknown> } | { errors: FieldError[] };
}

const OPEN: ComplaintStatus[] = ['RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'PENDING_INFO'];
const WORKING: ComplaintStatus[] = ['VERIFIED', 'IN_PROGRESS'];
const TIER_ORDER: Tier[] = ['VILLAGE', 'DISTRICT', 'PROVINCE', 'NATIONAL'];

export const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] ?? '' : value ?? '').trim();
export const many = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : value ? [value] : []).filter((v) => v !== '');

/** `2026-12-08T09:30` from a datetime-local field, read as Jakarta time (WIB, UTC+7), as an instant. */
export function wibInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(`${value}:00+07:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An instant as a datetime-local value in WIB (to put back what the form holds). */
export function wibLocal(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

const required = (values: FormValues, field: string, message: string): FieldError | null => (one(values[field]) ? null : { field, message });
const fail = (...errors: (FieldError | null)[]) => errors.filter((e): e is FieldError => e !== null);

function versioned(ctx: ActionContext, rest: Record<string, unknown>, values: FormValues) {
  return { complaintId: ctx.complaint.id, version: Number(one(values.version)) || ctx.complaint.version, ...rest };
}

const PAYLOAD = 'userErrors { code field message }';

function simple(key: ActionKey, title: string, button: string, done: string, mutationName: string, inputType: string, mainIn: ComplaintStatus[], field: string | null, fieldMessage = 'Isi pesan terlebih dahulu.'): ActionDef {
  return {
    key, title, button, done, payload: mutationName, mainIn, versioned: true,
    mutation: `mutation Konsol_${mutationName}($input: ${inputType}!) { ${mutationName}(input: $input) { ${PAYLOAD} } }`,
    fields: field ? [field] : [],
    input(values, ctx) {
      if (!field) return { input: versioned(ctx, {}, values) };
      const errors = fail(required(values, field, fieldMessage));
      return errors.length ? { errors } : { input: versioned(ctx, { [field]: one(values[field]) }, values) };
    },
  };
}

export const ACTIONS: ActionDef[] = [
  simple('verifikasi', 'Verifikasi pengaduan', 'Verifikasi', 'Pengaduan diverifikasi.', 'verifyComplaint', 'VerifyComplaintInput', ['RECEIVED'], null),
  simple('minta-informasi', 'Minta informasi dari pelapor', 'Kirim permintaan', 'Permintaan informasi dikirim ke pelapor; batas waktu dijeda sampai ia menjawab.', 'requestInformation', 'RequestInformationInput', ['RECEIVED', 'VERIFIED', 'IN_PROGRESS'], 'message', 'Tulis informasi apa yang diminta.'),
  simple('tanggapan', 'Tanggapan publik', 'Kirim tanggapan', 'Tanggapan publik dikirim.', 'respondToComplaint', 'RespondToComplaintInput', WORKING, 'message', 'Tulis tanggapan untuk pelapor.'),
  simple('catatan', 'Catatan internal', 'Simpan catatan', 'Catatan internal disimpan.', 'addInternalNote', 'AddInternalNoteInput', OPEN, 'note', 'Tulis catatannya.'),
  {
    key: 'tugaskan', title: 'Tugaskan ke petugas', button: 'Tugaskan', done: 'Pengaduan ditugaskan.', payload: 'assignComplaint', mainIn: ['VERIFIED', 'IN_PROGRESS'], versioned: true,
    mutation: `mutation KonsolTugaskan($input: AssignComplaintInput!) { assignComplaint(input: $input) { ${PAYLOAD} } }`,
    fields: ['officer', 'officerName'],
    input(values, ctx) {
      const officerId = one(values.officer);
      const officerName = one(values.officerName);
      const colleague = ctx.colleagues.find((account) => account.officerId === officerId);
      if (officerId && !colleague) return { errors: [{ field: 'officer', message: 'Petugas ini tidak dikenal konsol.' }] };
      if (!colleague && !officerName) return { errors: [{ field: 'officer', message: 'Pilih petugas, atau tulis nama petugas di bawah.' }] };
      return {
        input: versioned(ctx, {
          organisationId: ctx.session.office.id,
          ...(colleague ? { officer: { id: colleague.officerId, name: colleague.name } } : { officerName }),
        }, values),
      };
    },
  },
  {
    key: 'rujuk', title: 'Rujuk ke bank atau instansi', button: 'Rujuk', done: 'Pengaduan dirujuk; penerima rujukan diminta menjawab.', payload: 'referComplaint', mainIn: WORKING, versioned: true,
    mutation: `mutation KonsolRujuk($input: ReferComplaintInput!) { referComplaint(input: $input) { ${PAYLOAD} } }`,
    fields: ['organisationId', 'reason'],
    input(values, ctx) {
      const errors = fail(required(values, 'organisationId', 'Pilih bank atau instansi tujuan.'), required(values, 'reason', 'Tulis alasan rujukan.'));
      if (errors.length) return { errors };
      return { input: versioned(ctx, { organisationId: one(values.organisationId), reason: one(values.reason), idempotencyKey: one(values.idempotencyKey) || crypto.randomUUID() }, values) };
    },
  },
  {
    key: 'naikkan', title: 'Naikkan ke tingkat atas (eskalasi)', button: 'Naikkan', done: 'Pengaduan dinaikkan ke tingkat atas.', payload: 'escalateComplaint', mainIn: OPEN, versioned: true,
    mutation: `mutation KonsolNaikkan($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { ${PAYLOAD} } }`,
    fields: ['toTier', 'reason'],
    input(values, ctx) {
      const errors = fail(required(values, 'reason', 'Tulis alasan eskalasi.'));
      if (errors.length) return { errors };
      const toTier = one(values.toTier);
      return { input: versioned(ctx, { reason: one(values.reason), ...(TIER_ORDER.includes(toTier as Tier) ? { toTier } : {}) }, values) };
    },
  },
  {
    key: 'selesaikan', title: 'Selesaikan dengan keputusan', button: 'Selesaikan', done: 'Pengaduan diselesaikan; pelapor diberi tahu.', payload: 'resolveComplaint', mainIn: WORKING, versioned: true,
    mutation: `mutation KonsolSelesaikan($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { ${PAYLOAD} } }`,
    fields: ['decision', 'publicResponse'],
    input(values, ctx) {
      const errors = fail(required(values, 'decision', 'Pilih keputusan.'), required(values, 'publicResponse', 'Tulis tanggapan untuk pelapor.'));
      return errors.length ? { errors } : { input: versioned(ctx, { decision: one(values.decision), publicResponse: one(values.publicResponse) }, values) };
    },
  },
  {
    key: 'tolak', title: 'Tolak pengaduan', button: 'Tolak', done: 'Pengaduan ditolak; pelapor diberi tahu alasannya.', payload: 'rejectComplaint', mainIn: [], versioned: true,
    mutation: `mutation KonsolTolak($input: RejectComplaintInput!) { rejectComplaint(input: $input) { ${PAYLOAD} } }`,
    fields: ['reason', 'publicMessage'],
    input(values, ctx) {
      const errors = fail(required(values, 'reason', 'Pilih alasan penolakan.'), required(values, 'publicMessage', 'Tulis penjelasan untuk pelapor.'));
      return errors.length ? { errors } : { input: versioned(ctx, { reason: one(values.reason), publicMessage: one(values.publicMessage) }, values) };
    },
  },
  {
    key: 'duplikat', title: 'Gabungkan sebagai duplikat', button: 'Gabungkan sebagai duplikat', done: 'Pengaduan digabungkan ke pengaduan asalnya.', payload: 'markDuplicate', mainIn: [], versioned: true,
    mutation: `mutation KonsolDuplikat($input: MarkDuplicateInput!) { markDuplicate(input: $input) { ${PAYLOAD} } }`,
    fields: ['duplicateOfId'],
    input(values, ctx) {
      const errors = fail(required(values, 'duplicateOfId', 'Pilih pengaduan asalnya.'));
      return errors.length ? { errors } : { input: versioned(ctx, { duplicateOfId: one(values.duplicateOfId) }, values) };
    },
  },
  {
    key: 'koreksi', title: 'Koreksi kategori, program atau desa', button: 'Simpan koreksi', done: 'Data pengaduan dikoreksi.', payload: 'correctComplaint', mainIn: [], versioned: true,
    mutation: `mutation KonsolKoreksi($input: CorrectComplaintInput!) { correctComplaint(input: $input) { rerouted ${PAYLOAD} } }`,
    fields: ['category', 'programCode', 'regionCode', 'reason'],
    input(values, ctx) {
      const errors = fail(required(values, 'reason', 'Tulis alasan koreksi.'));
      if (errors.length) return { errors };
      const c = ctx.complaint;
      const changes = {
        ...(one(values.category) && one(values.category) !== c.category ? { category: one(values.category) } : {}),
        ...(one(values.programCode) && one(values.programCode) !== c.program.code ? { programCode: one(values.programCode) } : {}),
        ...(one(values.regionCode) && one(values.regionCode) !== c.region.code ? { regionCode: one(values.regionCode) } : {}),
      };
      if (Object.keys(changes).length === 0) return { errors: [{ field: 'category', message: 'Tidak ada yang diubah: pilih kategori, program atau desa yang lain.' }] };
      return { input: versioned(ctx, { ...changes, reason: one(values.reason) }, values) };
    },
  },
  {
    key: 'jadwal-rapat', title: 'Jadwalkan rapat kasus', button: 'Jadwalkan rapat', done: 'Rapat kasus dijadwalkan; undangan dikirim ke peserta.', payload: 'scheduleCaseConference', mainIn: [], versioned: false,
    mutation: `mutation KonsolJadwalRapat($input: ScheduleCaseConferenceInput!) { scheduleCaseConference(input: $input) { ${PAYLOAD} } }`,
    fields: ['scheduledAt', 'location', 'agenda', 'participantIds'],
    input(values, ctx) {
      const scheduledAt = wibInstant(one(values.scheduledAt));
      const errors = fail(
        scheduledAt ? null : { field: 'scheduledAt', message: 'Isi tanggal dan jam rapat.' },
        required(values, 'location', 'Tulis tempat rapat.'),
        required(values, 'agenda', 'Tulis agenda rapat.'),
        many(values.participantIds).length ? null : { field: 'participantIds', message: 'Pilih sedikitnya satu peserta.' },
      );
      if (errors.length) return { errors };
      return { input: { complaintIds: [ctx.complaint.id], participantIds: many(values.participantIds), scheduledAt, location: one(values.location), agenda: one(values.agenda), idempotencyKey: one(values.idempotencyKey) || crypto.randomUUID() } };
    },
  },
  {
    key: 'catat-rapat', title: 'Catat hasil rapat kasus', button: 'Simpan hasil rapat', done: 'Hasil rapat kasus dicatat.', payload: 'recordCaseConference', mainIn: [], versioned: false,
    mutation: `mutation KonsolCatatRapat($input: RecordCaseConferenceInput!) { recordCaseConference(input: $input) { ${PAYLOAD} } }`,
    fields: ['caseConferenceId', 'heldAt', 'decisions', 'actionDescription', 'actionOrganisationId', 'actionDueOn'],
    input(values) {
      const heldAt = one(values.heldAt) ? wibInstant(one(values.heldAt)) : undefined;
      const description = one(values.actionDescription);
      const errors = fail(
        required(values, 'caseConferenceId', 'Pilih rapatnya.'),
        heldAt === null ? { field: 'heldAt', message: 'Tanggal dan jam tidak terbaca.' } : null,
        required(values, 'decisions', 'Tulis keputusan rapat.'),
        description && !one(values.actionOrganisationId) ? { field: 'actionOrganisationId', message: 'Pilih siapa yang menindaklanjuti.' } : null,
      );
      if (errors.length) return { errors };
      const actions = description ? [{ description, responsibleOrganisationId: one(values.actionOrganisationId), ...(one(values.actionDueOn) ? { dueOn: one(values.actionDueOn) } : {}) }] : [];
      return { input: { caseConferenceId: one(values.caseConferenceId), decisions: one(values.decisions), actions, ...(heldAt ? { heldAt } : {}) } };
    },
  },
  {
    key: 'jadwal-kunjungan', title: 'Jadwalkan kunjungan rumah', button: 'Jadwalkan kunjungan', done: 'Kunjungan rumah dijadwalkan.', payload: 'scheduleHomeVisit', mainIn: [], versioned: true,
    mutation: `mutation KonsolJadwalKunjungan($input: ScheduleHomeVisitInput!) { scheduleHomeVisit(input: $input) { ${PAYLOAD} } }`,
    fields: ['scheduledFor', 'socialWorkerName'],
    input(values, ctx) {
      const scheduledFor = wibInstant(one(values.scheduledFor));
      const errors = fail(scheduledFor ? null : { field: 'scheduledFor', message: 'Isi tanggal dan jam kunjungan.' }, required(values, 'socialWorkerName', 'Tulis nama pekerja sosial yang berkunjung.'));
      if (errors.length) return { errors };
      return { input: versioned(ctx, { scheduledFor, socialWorkerName: one(values.socialWorkerName), idempotencyKey: one(values.idempotencyKey) || crypto.randomUUID() }, values) };
    },
  },
  {
    key: 'catat-kunjungan', title: 'Catat hasil kunjungan rumah', button: 'Simpan hasil kunjungan', done: 'Hasil kunjungan rumah dicatat.', payload: 'recordHomeVisit', mainIn: [], versioned: false,
    mutation: `mutation KonsolCatatKunjungan($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { ${PAYLOAD} } }`,
    fields: ['homeVisitId', 'visitedAt', 'outcome', 'findings'],
    input(values) {
      const visitedAt = wibInstant(one(values.visitedAt));
      const errors = fail(
        required(values, 'homeVisitId', 'Pilih kunjungannya.'),
        visitedAt ? null : { field: 'visitedAt', message: 'Isi tanggal dan jam kunjungan.' },
        required(values, 'outcome', 'Pilih hasilnya.'),
        required(values, 'findings', 'Tulis temuan kunjungan.'),
      );
      if (errors.length) return { errors };
      return { input: { homeVisitId: one(values.homeVisitId), visitedAt, outcome: one(values.outcome), findings: one(values.findings) } };
    },
  },
];

export const ACTION_BY_KEY = new Map(ACTIONS.map((action) => [action.key, action]));

/**
 * A userError's field path (`["input", "version"]`, `["input", "actions", 0,
 * "description"]`, `["input", "officer", "name"]`) as the form's field it
 * belongs next to; null when the form has no such field.
 */
export function formFieldOf(action: ActionDef, path: string[] | null): string | null {
  if (!path || path.length < 2) return null;
  const [, name, , sub] = path;
  const candidates = name === 'actions' ? [`action${String(sub ?? 'description').replace(/^\w/, (c) => c.toUpperCase()).replace('ResponsibleOrganisationId', 'OrganisationId')}`] : name === 'officer' ? ['officer'] : [name];
  return candidates.find((field) => action.fields.includes(field)) ?? null;
}

export function fieldErrorsOf(action: ActionDef, errors: UserError[]): FieldError[] {
  return errors.map((error) => ({ field: formFieldOf(action, error.field), message: error.message }));
}

/** Whether the officer's office may act on a complaint handled at this tier (its own or one below). */
export function actsAtTier(session: Session, tier: Tier): boolean {
  const own = session.office.tier;
  return session.office.role === 'HANDLER' && own !== null && TIER_ORDER.indexOf(tier) <= TIER_ORDER.indexOf(own);
}

/** The tiers above the complaint's, for escalation. */
export function tiersAbove(tier: Tier): Tier[] {
  return TIER_ORDER.slice(TIER_ORDER.indexOf(tier) + 1);
}
