import type express from 'express';
import { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import { sendPage, sessionOf, type ConsoleDeps } from '../app.js';
import { ACTION_BY_KEY, fieldErrorsOf, one, type ActionContext, type ActionDef, type FormValues, type UserError } from '../complaint-actions.js';
import { EVIDENCE, readComplaint, readDirectory, readPossibleDuplicates, type ComplaintDetail, type DirectoryEntry } from '../complaint-data.js';
import { problemOf } from '../problems.js';
import type { Session } from '../sessions.js';
import { complaintPage, type ComplaintView } from '../views/complaint-page.js';
import type { ActiveForm } from '../views/complaint-forms.js';
import { messagePage } from '../views/layout.js';

export const NOT_FOUND_TITLE = 'Pengaduan tidak ditemukan';
export const NOT_FOUND_MESSAGE = 'Pengaduan tidak ditemukan atau di luar wilayah kerja Anda.';

/** A global id as Aduan makes them (base64url of "Type:uuid"): anything else is not asked for. */
const GLOBAL_ID = /^[A-Za-z0-9_=-]{8,200}$/;

/**
 * A complaint's page and every step on it:
 *
 * - GET  /pengaduan/:id                     the complaint, its timeline and the forms the officer's role allows;
 * - POST /pengaduan/:id/identitas           the same, with the complainant's NIK and phone (a logged read);
 * - POST /pengaduan/:id/tindakan/:action    one step; 303 back to the page when it worked, the form redrawn when not;
 * - GET  /pengaduan/:id/bukti/:evidenceId   one file of evidence, fetched with the officer's client and passed on.
 */
export function registerComplaint(app: express.Express, deps: ConsoleDeps): void {
  app.get('/pengaduan/:id', async (req, res) => {
    const notice = ACTION_BY_KEY.get(one(req.query.selesai as string) as never)?.done;
    await show(req, res, deps, { revealed: false, notice });
  });

  app.post('/pengaduan/:id/identitas', async (req, res) => {
    await show(req, res, deps, { revealed: true });
  });

  app.post('/pengaduan/:id/tindakan/:action', async (req, res) => {
    const session = sessionOf(res);
    const action = ACTION_BY_KEY.get(req.params.action as never);
    if (!action) return sendPage(res, 404, messagePage(session, 'Halaman tidak ditemukan', 'Tindakan ini tidak ada di konsol.'));
    const id = String(req.params.id);
    // Read first: a complaint the officer may not see is refused here, before anything is sent to change it.
    let complaint: ComplaintDetail | null;
    try {
      complaint = GLOBAL_ID.test(id) ? await readComplaint(session.aduan, id) : null;
    } catch (error) {
      return problem(res, session, error, 'complaint');
    }
    if (!complaint) return sendPage(res, 404, messagePage(session, NOT_FOUND_TITLE, NOT_FOUND_MESSAGE));

    const values = formValues(req.body);
    const ctx: ActionContext = { session, complaint, colleagues: colleaguesOf(deps, session) };
    const built = action.input(values, ctx);
    if ('errors' in built) return redraw(res, deps, session, complaint, { action: action.key, values, errors: built.errors });

    let userErrors: UserError[];
    try {
      const data = await session.aduan.request<Record<string, { userErrors: UserError[] }>, { input: Record<string, unknown> }>(action.mutation, { input: built.input });
      userErrors = data[action.payload].userErrors;
    } catch (error) {
      // BAD_USER_INPUT: a value Aduan could not read at all (an id of the wrong kind); shown on the form like a userError.
      if ((error as { code?: string }).code === 'BAD_USER_INPUT') {
        return redraw(res, deps, session, complaint, { action: action.key, values, errors: [{ field: null, message: (error as Error).message.replace(/^\[[A-Z_]+\]\s*/, '') }] });
      }
      return problem(res, session, error, action.payload);
    }
    if (userErrors.length === 0) return res.redirect(303, `/pengaduan/${encodeURIComponent(complaint.id)}?selesai=${action.key}#riwayat`);

    if (userErrors.some((error) => error.code === 'NOT_FOUND' && error.field?.join('.') === 'input.complaintId')) {
      return sendPage(res, 404, messagePage(session, NOT_FOUND_TITLE, NOT_FOUND_MESSAGE));
    }
    if (userErrors.some((error) => error.code === 'STALE_VERSION')) return staleAnswer(res, deps, session, complaint, action, values);
    return redraw(res, deps, session, complaint, { action: action.key, values, errors: fieldErrorsOf(action, userErrors) });
  });

  app.get('/pengaduan/:id/bukti/:evidenceId', async (req, res) => {
    const session = sessionOf(res);
    const { id, evidenceId } = req.params;
    if (!GLOBAL_ID.test(id) || !GLOBAL_ID.test(evidenceId)) return sendPage(res, 404, messagePage(session, 'Bukti tidak ditemukan', 'Berkas bukti ini tidak ada atau tidak dapat Anda buka.'));
    let file: { contentType: string; fileName: string | null; complaint: { id: string } | null; download: { url: string } | null } | null;
    try {
      file = (await session.aduan.request<{ node: typeof file }, { id: string }>(EVIDENCE, { id: evidenceId })).node;
    } catch (error) {
      if ((error as { code?: string }).code === 'BAD_USER_INPUT') file = null;
      else return problem(res, session, error, 'evidence');
    }
    // Only evidence of this complaint, through this page's address: the id in the address cannot reach another complaint's.
    if (!file?.download || file.complaint?.id !== id) {
      return sendPage(res, 404, messagePage(session, 'Bukti tidak ditemukan', 'Berkas bukti ini tidak ada atau tidak dapat Anda buka.'));
    }
    const upstream = await fetch(file.download.url, { signal: AbortSignal.timeout(30_000) }).catch(() => null);
    if (!upstream?.ok || !upstream.body) {
      return sendPage(res, 502, messagePage(session, 'Bukti tidak dapat dimuat', 'Aduan tidak mengirim berkas ini. Silakan coba lagi beberapa saat lagi.'));
    }
    const contentType = file.contentType;
    // Images and PDFs open in the browser; anything else is saved. The file is the citizen's: never run as a page here.
    const inline = contentType.startsWith('image/') || contentType === 'application/pdf';
    const name = (file.fileName ?? 'bukti').replace(/[^\w.-]+/g, '_');
    res.status(200).set({
      'content-type': contentType,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'",
      ...(upstream.headers.get('content-length') ? { 'content-length': upstream.headers.get('content-length')! } : {}),
    });
    Readable.fromWeb(upstream.body as never).on('error', () => res.destroy()).pipe(res);
  });
}

/** The form's fields as typed (the CSRF token left out). */
function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value.slice(0, 10_000);
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string').slice(0, 200);
  }
  return values;
}

/** The console's accounts that act for the same organisation's client: the colleagues a complaint can be assigned to. */
function colleaguesOf(deps: ConsoleDeps, session: Session): ConsoleDeps['accounts']['accounts'] {
  return deps.accounts.accounts.filter((account) => account.clientId === session.account.clientId);
}

async function show(req: Request, res: Response, deps: ConsoleDeps, options: { revealed: boolean; notice?: string }): Promise<void> {
  const session = sessionOf(res);
  const id = String(req.params.id);
  let complaint: ComplaintDetail | null;
  try {
    complaint = GLOBAL_ID.test(id) ? await readComplaint(session.aduan, id, options.revealed) : null;
  } catch (error) {
    if ((error as { code?: string }).code === 'BAD_USER_INPUT') complaint = null; // an id that is not a complaint's
    else return problem(res, session, error, 'complaint');
  }
  if (!complaint) return sendPage(res, 404, messagePage(session, NOT_FOUND_TITLE, NOT_FOUND_MESSAGE));
  await render(res, deps, session, complaint, 200, { revealed: options.revealed, notice: options.notice });
}

/** The page with one form redrawn: what the officer typed and what was wrong with it. */
async function redraw(res: Response, deps: ConsoleDeps, session: Session, complaint: ComplaintDetail, form: ActiveForm): Promise<void> {
  await render(res, deps, session, complaint, 422, { revealed: false, form });
}

/**
 * STALE_VERSION: someone changed the complaint since the officer read it. Read
 * it again, show what happened after the last event they saw (who, what,
 * when), and keep their input in the form, which now carries the new version:
 * one click sends it again, if it still makes sense.
 */
async function staleAnswer(res: Response, deps: ConsoleDeps, session: Session, before: ComplaintDetail, action: ActionDef, values: FormValues): Promise<void> {
  let current: ComplaintDetail | null;
  try {
    current = await readComplaint(session.aduan, before.id);
  } catch (error) {
    return problem(res, session, error, 'complaint');
  }
  if (!current) return sendPage(res, 404, messagePage(session, NOT_FOUND_TITLE, NOT_FOUND_MESSAGE));
  const seen = Number(one(values.seq)) || 0;
  const events = current.timeline.edges.map((edge) => edge.node).filter((event) => event.seq > seen);
  const { version: _old, ...kept } = values;
  await render(res, deps, session, current, 409, { revealed: false, form: { action: action.key, values: kept, errors: [], stale: { events } } });
}

async function render(res: Response, deps: ConsoleDeps, session: Session, complaint: ComplaintDetail, status: number, extra: Pick<ComplaintView, 'revealed' | 'notice' | 'form'>): Promise<void> {
  const handler = session.office.role === 'HANDLER';
  let parts: [ComplaintView['categories'], ComplaintView['programs'], ComplaintView['villages'], DirectoryEntry[], ComplaintView['duplicates']];
  try {
    parts = await Promise.all([
      deps.aduan.reference.categories(),
      deps.aduan.reference.programs(),
      handler ? villagesNear(deps, complaint) : Promise.resolve([]),
      handler ? readDirectory(session.aduan, session.account.clientId) : Promise.resolve([]),
      handler ? readPossibleDuplicates(session.aduan, complaint.id) : Promise.resolve(null),
    ]);
  } catch (error) {
    return problem(res, session, error, 'complaint page');
  }
  const [categories, programs, villages, directory, duplicates] = parts;
  sendPage(res, status, complaintPage({ session, complaint, categories, programs, villages, directory, duplicates, colleagues: colleaguesOf(deps, session), ...extra }));
}

/** The villages of the complaint's kecamatan (its parent region), for the correction form. */
async function villagesNear(deps: ConsoleDeps, complaint: ComplaintDetail): Promise<ComplaintView['villages']> {
  const code = complaint.region.code;
  const parent = code.includes('.') ? code.split('.').slice(0, -1).join('.') : code.length > 6 ? code.slice(0, 6) : null;
  if (!parent) return [];
  return deps.aduan.reference.regions(parent).catch(() => []);
}

function problem(res: Response, session: Session, error: unknown, operation: string): void {
  const { status, message } = problemOf(error, operation);
  sendPage(res, status, messagePage(session, 'Pengaduan tidak dapat dimuat', message));
}
