import type { DataSource } from 'typeorm';

/** An evidence row as the database holds it, with the API client that attached it. */
export interface StoredEvidence {
  id: string;
  kind: string;
  content_type: string;
  size: number;
  uploaded_size: number;
  uploaded_sha256: string;
  object_sha256: string;
  metadata_removed: boolean;
  file_name: string;
  attached_by: string;
}

/** The evidence rows of one complaint (by id, or by tracking code), in the order they were attached. */
export function storedEvidence(db: DataSource, complaint: { id: string } | { trackingCode: string }): Promise<StoredEvidence[]> {
  const [condition, value] = 'id' in complaint ? ['c.id = $1', complaint.id] : ['c.tracking_code = $1', complaint.trackingCode];
  return db.query(
    `SELECT e.id, e.kind, e.content_type, e.size, e.uploaded_size, e.uploaded_sha256, e.object_sha256, e.metadata_removed, e.file_name,
            a.client_id AS attached_by
       FROM evidence e JOIN complaints c ON c.id = e.complaint_id JOIN api_clients a ON a.id = e.attached_by_client_id
      WHERE ${condition} ORDER BY e.attached_at, e.id`,
    [value],
  );
}
