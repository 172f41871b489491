import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage';

/**
 * The signed minutes (berita acara) of the demo's village deliberation, so the
 * public view of deliberations (docs/adr/0038) has a document to show: a
 * one-page PDF written here, byte for byte the same for the same deliberation
 * — its SHA-256 is its address in the store — with no metadata at all (no
 * information dictionary, no XMP), as the pipeline would store it.
 */
export function demoMinutesPdf(village: string, minutesNumber: string, heldOn: string, attendance: number): Buffer {
  const text = (value: string) => value.replace(/[\\()]/g, (c) => `\\${c}`);
  const lines = [
    'BERITA ACARA MUSYAWARAH DESA/KELURAHAN',
    `Nomor: ${minutesNumber}`,
    `Kelurahan ${village}, tanggal ${heldOn}`,
    `Hadir: ${attendance} orang (daftar hadir terlampir)`,
    'Agenda: pemutakhiran data penerima bantuan sosial (DTKS)',
    'Hasil: 2 usulan perubahan diteruskan ke Dinas Sosial Kota Bandung.',
    '',
    'Ditandatangani: Lurah, Ketua LPM, Pendamping PKH',
    '(data demo Aduan - bukan dokumen resmi)',
  ];
  const content = `BT /F1 12 Tf 60 780 Td 16 TL ${lines.map((line) => `(${text(line)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Records the minutes of a demo deliberation (inside the seed's transaction); the bytes go to the store with storeDemoMinutes. */
export async function recordDemoMinutes(
  manager: EntityManager, input: { deliberationId: string; village: string; minutesNumber: string; heldOn: string; attendance: number; organisationId: string; clientId: string; now: Date },
): Promise<void> {
  const pdf = demoMinutesPdf(input.village, input.minutesNumber, input.heldOn, input.attendance);
  const hash = sha256(pdf);
  await manager.query(
    `INSERT INTO evidence_objects (sha256, size, content_type, claimed_at) VALUES ($1, $2, 'application/pdf', $3) ON CONFLICT (sha256) DO NOTHING`,
    [hash, pdf.length, input.now],
  );
  await manager.query(
    `INSERT INTO deliberation_minutes (deliberation_id, object_sha256, content_type, size, uploaded_size, uploaded_sha256, metadata_removed, file_name,
                                       attached_by_client_id, attached_by_organisation_id, attached_at)
     VALUES ($1, $2, 'application/pdf', $3, $3, $2, TRUE, $4, $5, $6, $7)`,
    [input.deliberationId, hash, pdf.length, `berita-acara-${input.minutesNumber.replace(/\//g, '-')}.pdf`, input.clientId, input.organisationId, input.now],
  );
}

/**
 * Puts the demo minutes' bytes into the evidence store (at start in demo mode):
 * the seed writes the database only, and a store may be new (a fresh DATA_DIR,
 * another bucket). Each file is rebuilt from its deliberation and must hash to
 * the address the seed recorded. A put of bytes already there overwrites them
 * with the same bytes.
 */
export async function storeDemoMinutes(dataSource: DataSource, storage: EvidenceStorage): Promise<number> {
  const rows: { sha256: string; village: string; minutesNumber: string; heldOn: string; attendance: number }[] = await dataSource.query(
    `SELECT n.object_sha256 AS sha256, g.name AS village, m.minutes_number AS "minutesNumber", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn",
            m.attendance_count AS attendance
       FROM deliberation_minutes n JOIN deliberations m ON m.id = n.deliberation_id JOIN regions g ON g.code = m.region_code
      WHERE n.file_name LIKE 'berita-acara-%' AND n.attached_by_client_id = (SELECT id FROM api_clients WHERE client_id = 'demo-village-3273011001')`,
  );
  let stored = 0;
  for (const row of rows) {
    const pdf = demoMinutesPdf(row.village, row.minutesNumber, row.heldOn, row.attendance);
    if (sha256(pdf) !== row.sha256) continue; // not the seed's (uploaded by someone with the same file name pattern)
    await storage.put(row.sha256, { bytes: pdf }, 'application/pdf');
    stored += 1;
  }
  return stored;
}
