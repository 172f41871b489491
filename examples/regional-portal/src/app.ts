import { newIdempotencyKey, type SubmitComplaintMutation } from '@aduan/sdk';
import express, { type NextFunction, type Request, type Response } from 'express';
import { fileURLToPath } from 'node:url';
import type { AduanConnections } from './aduan.js';
import type { AttachmentTickets } from './attachment-ticket.js';
import { attachedFiles, attachFiles, cleanFileName, describeEvidence, MAX_FILE_BYTES, UPLOAD_REQUEST_LIMIT, type Outcome } from './attachments.js';
import { blankForm, checkChoices, fieldErrorsFrom, readForm, toSubmitInput, type FormErrors, type FormValues } from './complaint-form.js';
import { answerRequest, appeal, isOfferedPhoto, rate, type Credentials, type StepOutcome } from './complainant.js';
import { fileSizeLabel, isEvidenceKind, todayInWib } from './labels.js';
import { boundaryOf, MultipartError, parseMultipart, type FormPart } from './multipart.js';
import { unavailable, type Unavailable } from './unavailable.js';
import { attachmentsPage, fileMeta, type AttachmentSectionData, type OutcomeView } from './views/attachments.js';
import { formPage, type Choice } from './views/form-page.js';
import type { Html } from './views/html.js';
import { messagePage } from './views/message-page.js';
import { successPage } from './views/success-page.js';
import { trackingPage, type StepView } from './views/tracking-page.js';

/** Static files (stylesheet, the village picker's script), beside dist/ in the package. */
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * The portal's pages. The browser only ever talks to these routes; the calls
 * to Aduan, with the portal's token, are made from here.
 */
export function createApp(aduan: AduanConnections, tickets: AttachmentTickets): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: '1h' }));
  // 4000 characters of description, URL-encoded, are at most ~36 kB.
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));

  /** The programmes, complaint categories, kecamatan and the chosen kecamatan's kelurahan for the form. */
  async function loadChoices(values: FormValues): Promise<{ programs: Choice[]; categories: Choice[]; subdistricts: Choice[]; villages: Choice[]; problem?: Unavailable }> {
    try {
      const [programs, categories, subdistricts, villages] = await Promise.all([
        aduan.reference.programs(),
        aduan.reference.categories(),
        aduan.reference.subdistricts(),
        values.subdistrictCode ? aduan.reference.villages(values.subdistrictCode) : [],
      ]);
      return { programs, categories: categories.map((c) => ({ code: c.code, name: c.label })), subdistricts, villages };
    } catch (error) {
      // Aduan is unreachable and the lists are not cached: keep at least what the person chose,
      // so the form comes back with their answers and can be sent again later.
      const kept = (code: string) => (code ? [{ code, name: code }] : []);
      return {
        programs: kept(values.programCode), categories: kept(values.category), subdistricts: kept(values.subdistrictCode), villages: kept(values.regionCode),
        problem: unavailable(error, 'reference data'),
      };
    }
  }

  function showForm(res: Response, status: number, values: FormValues, errors: FormErrors, choices: { programs: Choice[]; categories: Choice[]; subdistricts: Choice[]; villages: Choice[] }): void {
    sendPage(res, status, formPage({ values, errors, ...choices, today: todayInWib() }));
  }

  app.get('/', async (_req, res) => {
    const values = blankForm();
    const choices = await loadChoices(values);
    if (choices.problem) return sendPage(res, choices.problem.status, messagePage('Layanan belum tersedia', choices.problem.message));
    showForm(res, 200, values, {}, choices);
  });

  app.post('/', async (req, res) => {
    const values = readForm(req.body);
    const choices = await loadChoices(values);
    if (choices.problem) return showForm(res, choices.problem.status, values, { form: choices.problem.message }, choices);

    // Without JavaScript, "Tampilkan daftar kelurahan" posts the form to draw the chosen kecamatan's kelurahan.
    if (req.body?.action === 'pilih-kecamatan') return showForm(res, 200, values, {}, choices);

    const choiceErrors = checkChoices(values, choices.villages.map((v) => v.code), choices.categories.map((c) => c.code));
    if (Object.keys(choiceErrors).length > 0) return showForm(res, 422, values, choiceErrors, choices);

    let result: SubmitComplaintMutation['submitComplaint'];
    try {
      result = await aduan.intake.submitComplaint(toSubmitInput(values));
    } catch (error) {
      // The same key goes back into the form: if Aduan did file it before the answer was lost,
      // sending again returns that complaint instead of filing another.
      const problem = unavailable(error, 'submitComplaint');
      return showForm(res, problem.status, values, { form: problem.message }, choices);
    }

    if (result.userErrors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED')) {
      // This form was sent before with other answers (Back, edit, send): what was filed stays filed.
      // A fresh key lets the person send the changed answers as a new complaint, if that is what they want.
      const errors = { form: 'Formulir ini sudah pernah dikirim dengan isian yang berbeda, dan pengaduan sebelumnya tetap tercatat. Jika Anda ingin mengirim pengaduan baru dengan isian ini, periksa kembali lalu tekan "Kirim pengaduan".' };
      return showForm(res, 409, { ...values, idempotencyKey: blankForm().idempotencyKey }, errors, choices);
    }
    if (result.userErrors.length > 0 || !result.trackingCode) {
      // Nothing was filed: the same key stays with the corrected form.
      return showForm(res, 422, values, fieldErrorsFrom(result.userErrors), choices);
    }

    const nameOf = (list: Choice[], code: string) => list.find((c) => c.code === code)?.name ?? code;
    const complaintId = result.complaint?.id;
    sendPage(res, 200, successPage({
      trackingCode: result.trackingCode,
      replyPin: result.replyPin ?? null,
      acknowledgement: result.acknowledgement ?? 'Pengaduan Anda telah diterima dan akan diverifikasi oleh petugas.',
      summary: {
        program: nameOf(choices.programs, values.programCode),
        category: nameOf(choices.categories, values.category),
        village: `Kel. ${nameOf(choices.villages, values.regionCode)}, Kec. ${nameOf(choices.subdistricts, values.subdistrictCode)}`,
        description: values.description,
        anonymous: values.anonymous,
        confidential: values.confidential,
      },
      // A refresh of this page files nothing new (same key) but may follow attachments: list what is there.
      attachments: complaintId
        ? { ticket: tickets.issue(complaintId, result.trackingCode), batchKey: newIdempotencyKey(), files: await attachedFiles(aduan.intake, complaintId) }
        : { ticket: null, batchKey: '', files: null },
    }));
  });

  // Only this route reads multipart bodies, and at most one file's worth: a larger body is refused
  // from its Content-Length before it is read, or cut off when it runs past the limit.
  const readAttachmentBody = express.raw({ type: 'multipart/form-data', limit: UPLOAD_REQUEST_LIMIT });

  /**
   * Files for the complaint just filed: from the form on the success page
   * (answered with a page), or from portal.js, one file per request (answered
   * with JSON). The ticket in the form says which complaint, and that this
   * browser filed it.
   */
  app.post('/lampiran', (req, res, next) => {
    readAttachmentBody(req, res, (error?: unknown) => {
      if (!error) return next();
      if (httpStatusOf(error) !== 413) return next(error);
      answerAttachments(req, res, 413, null, { ticket: null, batchKey: '', files: null, problem: TOO_LARGE_REQUEST });
    });
  }, async (req, res) => {
    let parts: FormPart[];
    try {
      const boundary = boundaryOf(req.get('content-type'));
      if (!boundary || !Buffer.isBuffer(req.body)) throw new MultipartError('not a multipart body');
      parts = parseMultipart(req.body, boundary);
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      return answerAttachments(req, res, 400, null, { ticket: null, batchKey: '', files: null, problem: UNREADABLE_REQUEST });
    }
    const field = (name: string) => parts.find((part) => part.name === name && part.fileName === null)?.data.toString('utf8') ?? '';

    const ticketText = field('tiket');
    const ticket = tickets.read(ticketText);
    if (ticket === null) return answerAttachments(req, res, 403, null, { ticket: null, batchKey: '', files: null, problem: INVALID_TICKET });
    if (ticket === 'expired') return answerAttachments(req, res, 410, null, { ticket: null, batchKey: '', files: null, problem: EXPIRED_TICKET });

    // An empty file input still sends a part, with no name and no bytes.
    const files = parts
      .filter((part) => part.name === 'berkas' && part.fileName !== null && !(part.fileName === '' && part.data.length === 0))
      .map((part) => ({ fileName: cleanFileName(part.fileName), contentType: part.contentType ?? 'application/octet-stream', data: part.data }));
    const section = (extra: Partial<AttachmentSectionData>): AttachmentSectionData => ({ ticket: ticketText, batchKey: newIdempotencyKey(), files: null, ...extra });
    if (files.length === 0) {
      return answerAttachments(req, res, 422, ticket.trackingCode, section({ files: await attachedFiles(aduan.intake, ticket.complaintId), problem: 'Pilih berkas yang akan dilampirkan.' }));
    }

    const kindText = field('jenis');
    // The same form sent again (a refresh) carries the same batch key, and attaches nothing twice.
    const batchKey = /^[\w-]{1,80}$/.test(field('kiriman')) ? field('kiriman') : newIdempotencyKey();
    const outcomes = await attachFiles(aduan.intake, ticket, files, { kind: isEvidenceKind(kindText) && kindText !== 'VIDEO' ? kindText : null, batchKey });
    const status = outcomes.some((o) => o.attached) ? 200 : outcomes.some((o) => !o.attached && o.unavailable) ? 503 : 422;
    answerAttachments(req, res, status, ticket.trackingCode, section({ files: await attachedFiles(aduan.intake, ticket.complaintId), outcomes: outcomes.map(outcomeView) }));
  });

  /** The village picker's data: the kelurahan of one kecamatan of Kota Bandung, as JSON. */
  app.get('/api/kelurahan', async (req, res) => {
    const subdistrictCode = typeof req.query.kecamatan === 'string' ? req.query.kecamatan : '';
    if (!/^\d{2}\.\d{2}\.\d{2}$/.test(subdistrictCode)) {
      res.status(400).json({ error: 'Parameter kecamatan harus kode kecamatan, mis. 32.73.01.' });
      return;
    }
    try {
      const villages = await aduan.reference.villages(subdistrictCode);
      res.set('cache-control', 'public, max-age=600').json(villages.map(({ code, name }) => ({ code, name })));
    } catch (error) {
      const problem = unavailable(error, 'regions');
      res.status(problem.status).json({ error: problem.message });
    }
  });

  app.get('/lacak', async (req, res) => {
    if (!('kode' in req.query)) return sendPage(res, 200, trackingPage({ kind: 'form' }));
    const code = typeof req.query.kode === 'string' ? req.query.kode.trim() : '';
    if (!code) return sendPage(res, 422, trackingPage({ kind: 'missing-code' }));
    try {
      // Public: anyone holding the code may see where it stands, and nothing that identifies anyone.
      const tracking = await aduan.lookup.trackComplaint(code);
      if (!tracking) return sendPage(res, 404, trackingPage({ kind: 'not-found', code }));
      sendPage(res, 200, trackingPage({ kind: 'found', code, tracking }));
    } catch (error) {
      const problem = unavailable(error, 'trackComplaint');
      sendPage(res, problem.status, trackingPage({ kind: 'unavailable', code, message: problem.message }));
    }
  });

  /**
   * The tracker's forms for the person holding code and PIN (complainant.ts): the step's outcome, then the
   * complaint as it stands now, with the forms again (and what they typed, when refused).
   */
  async function showStep(res: Response, code: string, outcome: StepOutcome, view: Omit<StepView, 'done' | 'message' | 'field'>): Promise<void> {
    let tracking = outcome.tracking;
    if (!tracking) {
      try {
        tracking = (await aduan.lookup.trackComplaint(code)) ?? null;
      } catch {
        tracking = null;
      }
    }
    const step: StepView = { ...view, done: outcome.done, message: outcome.message, field: outcome.done ? null : outcome.field };
    const status = outcome.done ? 200 : outcome.status;
    if (!tracking) {
      if (!outcome.done && outcome.status === 503) return sendPage(res, 503, trackingPage({ kind: 'unavailable', code, message: outcome.message }));
      return sendPage(res, 404, trackingPage({ kind: 'not-found', code }));
    }
    sendPage(res, status, trackingPage({ kind: 'found', code, tracking, step }));
  }

  const credentialsOf = (body: Record<string, unknown>): Credentials => ({
    trackingCode: typeof body.kode === 'string' ? body.kode.trim().slice(0, 40) : '',
    pin: typeof body.pin === 'string' ? body.pin.trim().slice(0, 20) : '',
  });

  /** The answer to the office's request, with an optional photo: multipart, read as for attachments (one file's worth). */
  app.post('/lacak/jawab', (req, res, next) => {
    readAttachmentBody(req, res, (error?: unknown) => {
      if (!error) return next();
      if (httpStatusOf(error) !== 413) return next(error);
      sendPage(res, 413, messagePage('Berkas terlalu besar', TOO_LARGE_REQUEST));
    });
  }, async (req, res) => {
    let parts: FormPart[];
    try {
      const boundary = boundaryOf(req.get('content-type'));
      if (!boundary || !Buffer.isBuffer(req.body)) throw new MultipartError('not a multipart body');
      parts = parseMultipart(req.body, boundary);
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      return sendPage(res, 400, messagePage('Kiriman tidak terbaca', UNREADABLE_REQUEST));
    }
    const field = (name: string) => parts.find((part) => part.name === name && part.fileName === null)?.data.toString('utf8') ?? '';
    const credentials = credentialsOf({ kode: field('kode'), pin: field('pin') });
    const text = field('keterangan').trim();
    const part = parts.find((p) => p.name === 'foto' && p.fileName !== null && !(p.fileName === '' && p.data.length === 0));
    const photo = part ? { fileName: cleanFileName(part.fileName), contentType: part.contentType ?? 'application/octet-stream', data: part.data } : null;
    const typed = { text };
    if (!credentials.trackingCode) return sendPage(res, 422, trackingPage({ kind: 'missing-code' }));
    if (!text) return showStep(res, credentials.trackingCode, { done: false, tracking: null, message: 'Tuliskan jawaban Anda.', field: 'text', status: 422 }, { form: 'jawab', typed });
    if (!isOfferedPhoto(photo)) {
      return showStep(res, credentials.trackingCode, { done: false, tracking: null, message: 'Jenis berkas ini tidak diterima. Lampirkan foto (JPEG, PNG, atau WebP) atau surat dalam bentuk PDF.', field: 'photo', status: 422 }, { form: 'jawab', typed });
    }
    await showStep(res, credentials.trackingCode, await answerRequest(aduan.intake, credentials, text, photo), { form: 'jawab', typed });
  });

  app.post('/lacak/banding', async (req, res) => {
    const credentials = credentialsOf(req.body ?? {});
    const reason = typeof req.body?.alasan === 'string' ? req.body.alasan.trim() : '';
    if (!credentials.trackingCode) return sendPage(res, 422, trackingPage({ kind: 'missing-code' }));
    if (!reason) return showStep(res, credentials.trackingCode, { done: false, tracking: null, message: 'Tuliskan alasan banding Anda.', field: 'text', status: 422 }, { form: 'banding', typed: { text: reason } });
    const outcome = await appeal(aduan.intake, credentials, reason);
    await showStep(res, credentials.trackingCode, outcome, {
      form: 'banding', typed: { text: reason }, ...(outcome.done && outcome.appealCode && outcome.appealPin ? { appeal: { code: outcome.appealCode, pin: outcome.appealPin } } : {}),
    });
  });

  app.post('/lacak/nilai', async (req, res) => {
    const credentials = credentialsOf(req.body ?? {});
    const rating = typeof req.body?.nilai === 'string' ? req.body.nilai : '';
    const comment = typeof req.body?.komentar === 'string' ? req.body.komentar.trim() : '';
    if (!credentials.trackingCode) return sendPage(res, 422, trackingPage({ kind: 'missing-code' }));
    const typed = { rating, comment };
    if (!/^[1-5]$/.test(rating)) return showStep(res, credentials.trackingCode, { done: false, tracking: null, message: 'Pilih nilai 1 sampai 5.', field: 'text', status: 422 }, { form: 'nilai', typed });
    await showStep(res, credentials.trackingCode, await rate(aduan.intake, credentials, Number(rating), comment), { form: 'nilai', typed });
  });

  app.use((_req, res) => sendPage(res, 404, messagePage('Halaman tidak ditemukan', 'Alamat yang Anda buka tidak ada di portal ini.')));

  // A bug in the portal: logged here, and a page without details for the person.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) console.error('portal error:', error instanceof Error ? error.stack : error);
    sendPage(res, status, messagePage('Terjadi kesalahan', status === 413
      ? 'Isian terlalu panjang untuk dikirim.'
      : 'Maaf, permintaan Anda belum dapat diproses. Silakan coba lagi.'));
  });

  return app;
}

const TOO_LARGE_REQUEST = `Berkas terlalu besar: paling besar ${fileSizeLabel(MAX_FILE_BYTES)} per berkas, dan tanpa JavaScript paling besar ${fileSizeLabel(MAX_FILE_BYTES)} untuk semua berkas yang dikirim sekaligus. Kembali ke halaman sebelumnya, lalu kirim berkas satu per satu atau perkecil ukurannya.`;
const UNREADABLE_REQUEST = 'Kiriman berkas tidak terbaca. Kembali ke halaman sebelumnya, pilih berkasnya lagi, lalu kirim ulang.';
const INVALID_TICKET = 'Formulir lampiran ini tidak sah. Berkas hanya dapat dilampirkan dari halaman tanda terima pengaduan yang baru Anda kirim.';
const EXPIRED_TICKET = 'Batas waktu melampirkan berkas melalui portal (24 jam setelah pengaduan dikirim) sudah lewat. Bukti dapat Anda serahkan kepada petugas saat verifikasi.';

function outcomeView(outcome: Outcome): OutcomeView {
  if (!outcome.attached) return { fileName: outcome.fileName, attached: false, message: outcome.message };
  const file = describeEvidence(outcome.evidence);
  return { fileName: file.fileName, attached: true, message: `dilampirkan (${file.kind}, ${file.type}, ${file.size}).` };
}

/** portal.js asks for JSON (it updates the page in place); a form posted without JavaScript gets the page. */
function answerAttachments(req: Request, res: Response, status: number, trackingCode: string | null, section: AttachmentSectionData): void {
  if (req.accepts(['html', 'json']) === 'json') {
    res.status(status).set('cache-control', 'no-store').json({
      trackingCode,
      problem: section.problem ?? null,
      outcomes: section.outcomes ?? [],
      files: section.files?.map((file) => ({ fileName: file.fileName, meta: fileMeta(file) })) ?? null,
      batchKey: section.batchKey,
    });
    return;
  }
  sendPage(res, status, attachmentsPage(trackingCode, section));
}

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function sendPage(res: Response, status: number, body: Html): void {
  // Pages can hold what a person typed (name, phone, NIK): no cache may keep them.
  res.status(status).set('cache-control', 'no-store').type('html').send(body.text);
}

/**
 * Defence in depth: every page is escaped (views/html.ts), and even if a hole
 * appeared, the browser would run no script but the portal's own file, and
 * send no form anywhere but here. No referrer: tracking codes are in URLs.
 */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  next();
}
