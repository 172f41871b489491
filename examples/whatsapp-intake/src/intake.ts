import type { AduanClient, ProgramsQuery, SubmitComplaintInput, UserErrorFieldsFragment } from '@aduan/sdk';
import { ABOUT_OWN_FAMILY, categoryOf } from './categories.js';
import { bareType, evidenceFileName, evidenceKind, isAcceptedType, MAX_EVIDENCE_BYTES } from './evidence.js';
import { messageRef, wamidDigest } from './log.js';
import type { FetchMedia } from './media.js';
import { findTrackingCode, maskNik, parseCommand, readComplaint, type Part, type PartProblem } from './message-format.js';
import type { InboundMedia, InboundMessage } from './notification.js';
import type { RecentComplaints } from './recent-complaints.js';
import * as replies from './replies.js';
import { VillageDirectory } from './villages.js';

/** What to answer one message, and what happened, for the log. */
export interface Answer {
  /** null: send nothing (a reaction, a system notice). */
  text: string | null;
  outcome: 'filed' | 'incomplete' | 'refused' | 'status' | 'help' | 'unrecognised' | 'not-text' | 'ignored'
    | 'evidence-attached' | 'evidence-refused' | 'evidence-no-complaint'
    | 'reply-answered' | 'reply-refused' | 'reply-format';
  trackingCode?: string;
}

/** What evidence needs: the file from WhatsApp, and who filed what through this line. */
export interface EvidenceSources {
  fetchMedia: FetchMedia;
  recent: RecentComplaints;
}

/** Message types that are not someone writing to us: answering them with the format would be noise. */
const SILENT_TYPES = new Set(['reaction', 'system', 'ephemeral', 'request_welcome']);

/** Where the server's userErrors point (the `field` path after "input"), in the message's terms. */
const FIELD_PARTS: Record<string, Part> = {
  'complainant.name': 'nama',
  'complainant.nik': 'nik',
  subjectNik: 'nik',
  regionCode: 'alamat',
  description: 'aduan',
  programCode: 'program',
  'complainant.phone': 'nomor',
};

/** Programme codes and complaint categories change by decree, not by the minute: asked once an hour. */
const PROGRAMMES_TTL_MS = 3_600_000;

type Programme = ProgramsQuery['programs'][number];

/**
 * From a WhatsApp message to the reply: files complaints, answers status
 * questions, explains the format. Errors reaching Aduan are thrown (an
 * AduanError), for the webhook to answer so that Meta delivers again.
 */
export class Intake {
  private programmes: { at: number; list: Promise<Programme[]> } | null = null;
  private categories: { at: number; labels: Promise<Map<string, string>> } | null = null;

  constructor(private readonly aduan: AduanClient, private readonly villages: VillageDirectory, private readonly evidence: EvidenceSources) {}

  async answer(message: InboundMessage): Promise<Answer> {
    if (SILENT_TYPES.has(message.type)) return { text: null, outcome: 'ignored' };
    if ((message.type === 'image' || message.type === 'document') && message.media) {
      const captioned = parseCommand(message.media.caption ?? '');
      if (captioned.kind === 'reply') return this.reply(message, captioned, message.media);
      return this.attach(message, message.media);
    }
    if (message.text === null) return { text: replies.textOnly(), outcome: 'not-text' };

    const command = parseCommand(message.text);
    switch (command.kind) {
      case 'help':
        return { text: replies.help(), outcome: 'help' };
      case 'unrecognised':
        return { text: replies.unrecognised(), outcome: 'unrecognised' };
      case 'status':
        return this.status(command.trackingCode);
      case 'complaint':
        return this.file(message, command.text);
      case 'reply':
        return this.reply(message, command, null);
    }
  }

  /**
   * The person answers the office's request for information by replying, with the tracking code and the PIN
   * from their acknowledgement (Aduan's docs/adr/0026): a photo or PDF first, through the complainant's own
   * upload (`uploadComplainantEvidence`), then the text (`answerInformationRequest`), so the file is on the
   * complaint before handling resumes. Code and PIN are the credentials, not the number it came from: this
   * works for a complaint filed by phone or at the office too, and after a restart. Neither is logged or kept.
   * A redelivery by Meta finds the complaint no longer waiting and says so (the first reply was sent).
   */
  private async reply(message: InboundMessage, command: Extract<ReturnType<typeof parseCommand>, { kind: 'reply' }>, media: InboundMedia | null): Promise<Answer> {
    const { trackingCode, pin, text } = command;
    if (!trackingCode || !pin) return { text: replies.replyFormat(trackingCode), outcome: 'reply-format' };
    if (!media && !text) return { text: replies.replyFormat(trackingCode), outcome: 'reply-format', trackingCode };
    const credentials = { trackingCode, pin };
    const refused = (reply: string): Answer => ({ text: reply, outcome: 'reply-refused', trackingCode });
    const file: replies.EvidenceFile | null = media ? (message.type === 'image' ? 'foto' : 'berkas') : null;
    if (media && file) {
      const declared = bareType(media.mimeType);
      if (!isAcceptedType(declared)) return refused(replies.evidenceTypeRefused());
      const download = await this.evidence.fetchMedia(media.id, MAX_EVIDENCE_BYTES);
      if (download.kind === 'too-large') return refused(replies.evidenceTooLarge(file, download.size));
      if (download.kind === 'gone') return refused(replies.evidenceGone(file));
      const fetched = bareType(download.mimeType);
      const contentType = isAcceptedType(fetched) ? fetched : declared;
      const uploaded = await this.aduan.uploadComplainantEvidence(credentials, download.bytes, {
        fileName: evidenceFileName(media.fileName, contentType, messageRef(message.wamid)),
        contentType,
        kind: evidenceKind(contentType, text),
      });
      if (!uploaded.attached) {
        const [error] = uploaded.userErrors;
        const aboutPin = error && ['PIN_INCORRECT', 'PIN_LOCKED', 'PIN_EXPIRED', 'NOT_FOUND'].includes(error.code);
        return refused(aboutPin ? replies.replyRefused(error.message) : replies.evidenceRefused(file, trackingCode, uploaded.userErrors));
      }
      if (!text) return { text: replies.replyPhotoOnly(file, trackingCode), outcome: 'reply-answered', trackingCode };
    }
    const answered = await this.aduan.answerInformationRequest({ ...credentials, information: text });
    if (answered.userErrors.length > 0) return refused(replies.replyRefused(answered.userErrors[0].message));
    return { text: replies.replyReceived(trackingCode, file), outcome: 'reply-answered', trackingCode };
  }

  private async status(trackingCode: string | null): Promise<Answer> {
    if (!trackingCode) return { text: replies.askTrackingCode(), outcome: 'status' };
    const tracking = await this.aduan.trackComplaint(trackingCode);
    if (!tracking) return { text: replies.trackingNotFound(trackingCode), outcome: 'status' };
    return { text: replies.status(tracking), outcome: 'status', trackingCode: tracking.trackingCode };
  }

  private async file(message: InboundMessage, text: string): Promise<Answer> {
    const [programmes, categoryLabels] = await Promise.all([this.programmeList(), this.categoryLabels()]);
    const draft = readComplaint(text, programmes);
    const problems = [...draft.problems];

    // The Nama part, else the WhatsApp profile name: people often leave their name out, never their profile.
    const name = draft.name ?? message.profileName?.trim() ?? null;
    if (!name && !problems.some((p) => p.part === 'nama')) problems.push({ part: 'nama', message: 'belum ada; tulis nama lengkap Anda di bagian pertama.' });

    let regionCode: string | null = null;
    if (draft.address) {
      const village = await this.villages.lookup(draft.address);
      if (village.kind === 'found') regionCode = village.code;
      else problems.push({ part: 'alamat', message: village.message });
    }
    if (problems.length > 0 || !name || !draft.nik || !regionCode || !draft.description) {
      return { text: replies.incomplete(sortByPart(problems)), outcome: 'incomplete' };
    }

    const category = categoryOf(draft.description);
    const input: SubmitComplaintInput = {
      // Meta redelivers a notification until it gets a 2xx, and the wamid stays the same: one message, one complaint.
      // Hashed, because a wamid carries the sender's number and Aduan stores keys as they are.
      idempotencyKey: `wa-${wamidDigest(message.wamid)}`,
      channel: 'WHATSAPP',
      programCode: draft.programme.code,
      category,
      description: draft.description,
      regionCode,
      // The sender's WhatsApp id is their number without "+": with it, E.164.
      complainant: { name, phone: message.from.startsWith('+') ? message.from : `+${message.from}`, nik: draft.nik },
      subjectNik: ABOUT_OWN_FAMILY.includes(category) ? draft.nik : null,
    };
    const result = await this.aduan.submitComplaint(input);

    if (result.userErrors.length > 0 || !result.trackingCode || !result.complaint) {
      return this.refused(result.userErrors);
    }
    // A photo sent next finds this complaint (see RecentComplaints); a redelivery confirms it again.
    this.evidence.recent.remember(message.from, { complaintId: result.complaint.id, trackingCode: result.trackingCode });
    const programme = programmes.find((p) => p.code === draft.programme.code);
    return {
      outcome: 'filed',
      trackingCode: result.trackingCode,
      text: replies.filed({
        name,
        acknowledgement: result.acknowledgement ?? `Pengaduan Anda telah kami terima dengan nomor ${result.trackingCode}.`,
        trackingCode: result.trackingCode,
        programme: { ...draft.programme, name: programme?.name ?? result.complaint.program.name },
        categoryLabel: categoryLabels.get(category) ?? category,
        village: result.complaint.region,
        maskedNik: maskNik(draft.nik),
      }),
    };
  }

  /**
   * A photo or a document: attached to the sender's complaint, which is the
   * one its caption names by tracking code (filed by this sender through this
   * line, within 30 days), else the sender's complaint of the last 24 hours.
   * A caption in the complaint format is filed first, and the file attached
   * to it. The file is fetched from the Cloud API and given to Aduan with
   * `uploadEvidence`; the idempotency key comes from the wamid, so Meta's
   * redelivery attaches nothing twice.
   */
  private async attach(message: InboundMessage, media: InboundMedia): Promise<Answer> {
    const file: replies.EvidenceFile = message.type === 'image' ? 'foto' : 'berkas';
    const caption = media.caption?.trim() ?? '';
    let filed: Answer | null = null;
    if (caption && parseCommand(caption).kind === 'complaint') {
      filed = await this.file(message, caption);
      if (filed.outcome !== 'filed') return { ...filed, text: `${filed.text}\n\n${replies.evidenceWaitsForComplaint(file)}` };
    }
    const withFiled = (answer: Answer): Answer => (filed ? { ...answer, text: `${filed.text}\n\n${answer.text}` } : answer);

    const code = filed?.trackingCode ?? findTrackingCode(caption);
    const target = code ? this.evidence.recent.withCode(message.from, code) : this.evidence.recent.latest(message.from);
    if (!target) {
      return { text: code ? replies.evidenceCodeNotFromSender(file, code) : replies.evidenceWithoutComplaint(file), outcome: 'evidence-no-complaint' };
    }
    const trackingCode = target.trackingCode;
    const refused = (text: string): Answer => withFiled({ text, outcome: 'evidence-refused', trackingCode });

    const declared = bareType(media.mimeType);
    if (!isAcceptedType(declared)) return refused(replies.evidenceTypeRefused());
    const download = await this.evidence.fetchMedia(media.id, MAX_EVIDENCE_BYTES);
    if (download.kind === 'too-large') return refused(replies.evidenceTooLarge(file, download.size));
    if (download.kind === 'gone') return refused(replies.evidenceGone(file));

    // What WhatsApp says in the media answer, if it is a type we take; Aduan reads the bytes either way.
    const fetched = bareType(download.mimeType);
    const contentType = isAcceptedType(fetched) ? fetched : declared;
    const kind = evidenceKind(contentType, caption);
    const { evidence, userErrors } = await this.aduan.uploadEvidence(target.complaintId, download.bytes, {
      fileName: evidenceFileName(media.fileName, contentType, messageRef(message.wamid)),
      contentType,
      kind,
      idempotencyKey: `wa-bukti-${wamidDigest(message.wamid)}`,
    });
    if (!evidence) return refused(replies.evidenceRefused(file, trackingCode, userErrors));
    return withFiled({
      outcome: 'evidence-attached',
      trackingCode,
      text: replies.evidenceAttached({ file, trackingCode, kind: evidence.kind, contentType: evidence.contentType, size: evidence.uploadedSize, metadataRemoved: evidence.metadataRemoved }),
    });
  }

  /** The server's refusals, by message part; those no rewrite can fix get an apology and the call centre. */
  private refused(userErrors: readonly UserErrorFieldsFragment[]): Answer {
    if (userErrors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED')) return { text: replies.alreadyFiled(), outcome: 'refused' };
    const problems: PartProblem[] = [];
    const other: string[] = [];
    for (const error of userErrors) {
      const part = FIELD_PARTS[(error.field ?? []).filter((f) => f !== 'input').join('.')];
      // The server asks for "a valid phone number"; the sender cannot choose another one here.
      const message = part === 'nomor' ? 'layanan ini hanya dapat mencatat nomor Indonesia (+62). Hubungi Call Center PKH 1500299.' : error.message;
      if (!part) other.push(error.message);
      else if (!problems.some((p) => p.part === part && p.message === message)) problems.push({ part, message });
    }
    if (problems.length === 0) return { text: replies.cannotFile(other.length ? other : ['terjadi kesalahan.']), outcome: 'refused' };
    return { text: replies.incomplete(sortByPart(problems)), outcome: 'incomplete' };
  }

  /** What the reply calls each category: Aduan's label (its complaintCategories; Bahasa Indonesia, no Accept-Language sent). */
  private categoryLabels(): Promise<Map<string, string>> {
    if (this.categories && Date.now() - this.categories.at < PROGRAMMES_TTL_MS) return this.categories.labels;
    const labels = this.aduan.complaintCategories().then((list) => new Map(list.map((c) => [c.code, c.label])));
    const entry = { at: Date.now(), labels };
    this.categories = entry;
    labels.catch(() => {
      if (this.categories === entry) this.categories = null;
    });
    return labels;
  }

  private programmeList(): Promise<Programme[]> {
    if (this.programmes && Date.now() - this.programmes.at < PROGRAMMES_TTL_MS) return this.programmes.list;
    const list = this.aduan.programs();
    const entry = { at: Date.now(), list };
    this.programmes = entry;
    list.catch(() => {
      if (this.programmes === entry) this.programmes = null;
    });
    return list;
  }
}

const PART_ORDER: Part[] = ['program', 'nama', 'nik', 'alamat', 'aduan', 'nomor'];

/** Problems in the order of the message's parts. */
function sortByPart(problems: PartProblem[]): PartProblem[] {
  return [...problems].sort((a, b) => PART_ORDER.indexOf(a.part) - PART_ORDER.indexOf(b.part));
}
