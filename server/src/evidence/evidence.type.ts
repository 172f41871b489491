import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { EvidenceKind } from './evidence.entity';

registerEnumType(EvidenceKind, {
  name: 'EvidenceKind',
  description: 'What a file of evidence shows, as the uploader says: handlers see it without opening the file.',
  valuesConfig: {
    ID_CARD: { description: 'An identity card (KTP), which carries the NIK.' },
    FAMILY_CARD: { description: 'A family card (Kartu Keluarga, KK).' },
    LETTER: { description: 'A letter, e.g. a statement from the village (surat keterangan).' },
    PHOTO: { description: 'A photo (the default for images).' },
    VIDEO: { description: 'A short video (the default for MP4).' },
    OTHER: { description: 'Anything else (the default for PDF).' },
  },
});

/** An evidence row as the API reads it (EVIDENCE_COLUMNS from `evidence v`). */
export interface EvidenceRow {
  id: string;
  complaintId: string;
  kind: EvidenceKind;
  contentType: string;
  size: number;
  sha256: string;
  uploadedSize: number;
  uploadedSha256: string;
  metadataRemoved: boolean;
  fileName: string;
  attachedByClientId: string;
  attachedByOrganisationId: string;
  attachedAt: Date;
}

export const EVIDENCE_COLUMNS = `
  v.id, v.complaint_id AS "complaintId", v.kind, v.content_type AS "contentType", v.size, v.object_sha256 AS sha256,
  v.uploaded_size AS "uploadedSize", v.uploaded_sha256 AS "uploadedSha256", v.metadata_removed AS "metadataRemoved",
  v.file_name AS "fileName", v.attached_by_client_id AS "attachedByClientId",
  v.attached_by_organisation_id AS "attachedByOrganisationId", v.attached_at AS "attachedAt"`;

@ObjectType('Evidence', {
  implements: Node,
  description: 'A file backing a complaint: an ID card, a family card, a letter, a photo or a video. Handlers in jurisdiction and auditors see all of a complaint’s evidence, a bank that of complaints referred to it, an intake client only what it attached itself (without the content); never the public.',
})
export class Evidence extends Node {
  @Field(() => EvidenceKind, { description: 'What it shows, as the uploader said.' })
  kind: EvidenceKind;

  @Field({ description: 'The type detected from its bytes: `image/jpeg`, `image/png`, `image/webp`, `application/pdf` or `video/mp4`.' })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes of the file as stored (an image after its metadata was removed).' })
  size: number;

  @Field({ description: 'SHA-256 (lower-case hex) of the file as stored: what a download gives you, and the object’s address in the store.' })
  sha256: string;

  @Field(() => Int, { description: 'Size in bytes of the file as uploaded.' })
  uploadedSize: number;

  @Field({ description: 'SHA-256 (lower-case hex) of the file as uploaded, as the uploader declared and Aduan verified.' })
  uploadedSha256: string;

  @Field({ description: 'Whether Aduan re-encoded it without its metadata (EXIF, XMP, IPTC: location, camera, owner) before storing it: true for images.' })
  metadataRemoved: boolean;

  @Field(() => Date, { description: 'When it was attached.' })
  attachedAt: Date;

  row: EvidenceRow;

  static from(row: EvidenceRow): Evidence {
    return Object.assign(new Evidence(), {
      id: toGlobalId('Evidence', row.id),
      kind: row.kind,
      contentType: row.contentType,
      size: row.size,
      sha256: row.sha256,
      uploadedSize: row.uploadedSize,
      uploadedSha256: row.uploadedSha256,
      metadataRemoved: row.metadataRemoved,
      attachedAt: row.attachedAt,
      row,
    });
  }
}

@ObjectType('EvidenceDownload', { description: 'A short-lived signed URL to one file of evidence, for your client only. Each download is written to the personal-data access log. Handlers, auditors, and banks for complaints referred to them.' })
export class EvidenceDownload {
  @Field({ description: 'GET it (no token needed) before `expiresAt`; it answers the file with its content type.' })
  url: string;

  @Field(() => Date, { description: 'When the URL stops working (5 minutes after it was made); ask for `download` again after.' })
  expiresAt: Date;
}

@ObjectType('EvidenceUpload', { description: 'Where to send a file of evidence: one PUT of its bytes, before `expiresAt`. Intake clients and handlers.' })
export class EvidenceUpload {
  @Field({ description: 'The upload URL. Send the file’s bytes as the body of one `PUT` (no token, no multipart): it works once, and the evidence is attached when the bytes match the declared size, SHA-256 and type. The answer is JSON `{ evidence, userErrors }`.' })
  url: string;

  @Field({ description: 'The HTTP method: `PUT`.' })
  method: string;

  @Field(() => Date, { description: 'When the URL stops working (15 minutes after it was made).' })
  expiresAt: Date;

  @Field(() => Int, { description: 'The exact number of bytes to send (the declared size).' })
  size: number;
}
