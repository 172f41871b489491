import { EntityManager } from 'typeorm';
import { makeNik } from '../recipients/nik';
import type { RecipientRow } from './population';
import { recordDemoMinutes } from './deliberation-minutes';

/** The village whose office (demo-village-3273011001) has a deliberation and two pending proposals in the demo. */
export const DEMO_DELIBERATION_VILLAGE = '32.73.01.1001';
/** The serial of the demo's proposed newborn: below the scale seeder's range, above any demo person's. */
const PROPOSED_NEWBORN_SERIAL = 4999;
const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const MS_PER_DAY = 86_400_000;

export interface RecipientRegisterInput {
  recipients: RecipientRow[];
  /** Kemensos, which determines DTKS: the approver of every imported entry. */
  ministryOrganisationId: string;
  villageOrganisationId: string;
  villageClientId: string;
  now: Date;
}

/**
 * The register's history for the demo: one IMPORTED provenance entry per
 * recipient (the trigger numbers and hashes it, so every chain verifies), and
 * a village deliberation in Sukarasa ten days ago that recommended two changes
 * now waiting for Dinas Sosial Kota Bandung: a newborn added to a family, and
 * another family's new address — with its signed minutes, public. Nothing is drawn at random: the population's
 * PRNG is left alone, so the rest of the demo stays what it was.
 */
export async function seedRecipientRegister(manager: EntityManager, input: RecipientRegisterInput): Promise<Record<string, number>> {
  const [{ count: provenance }] = await manager.query(
    `WITH inserted AS (
       INSERT INTO recipient_provenance (recipient_id, action, approved_by_organisation_id, occurred_at)
       SELECT r.id, 'IMPORTED', $1, r.created_at FROM recipients r ORDER BY r.id
       RETURNING 1)
     SELECT count(*)::int AS count FROM inserted`,
    [input.ministryOrganisationId],
  );

  const heads = input.recipients
    .filter((r) => r.regionCode === DEMO_DELIBERATION_VILLAGE && r.isFamilyHead)
    .sort((a, b) => a.kkNumber.localeCompare(b.kkNumber));
  if (heads.length < 2) return { recipient_provenance: provenance };
  const heldOn = new Date(input.now.getTime() - 10 * MS_PER_DAY);
  const heldOnDate = heldOn.toISOString().slice(0, 10);
  const minutesNumber = `140/BA-MUSDES/${ROMAN_MONTHS[heldOn.getUTCMonth()]}/${heldOn.getUTCFullYear()}`;
  const [{ id: deliberationId }] = await manager.query(
    `INSERT INTO deliberations (region_code, held_on, minutes_number, attendance_count, recorded_by_organisation_id, recorded_by_client_id, created_at)
     VALUES ($1, $2, $3, 42, $4, $5, $6) RETURNING id`,
    [DEMO_DELIBERATION_VILLAGE, heldOnDate, minutesNumber, input.villageOrganisationId, input.villageClientId, input.now],
  );

  const [family, moving] = heads;
  const newbornBirth = new Date(heldOn.getTime() - 30 * MS_PER_DAY).toISOString().slice(0, 10);
  const newbornNik = makeNik({ subdistrictCode: DEMO_DELIBERATION_VILLAGE.slice(0, 8), birthDate: newbornBirth, sex: 'F', serial: PROPOSED_NEWBORN_SERIAL });
  const surname = family.fullName.split(' ').slice(1).join(' ') || family.fullName;
  await manager.query(
    `INSERT INTO recipient_change_proposals (kind, region_code, nik, kk_number, full_name, birth_date, sex, is_family_head, address, reason, evidence,
        deliberation_id, proposed_by_organisation_id, proposed_by_client_id, created_at)
     VALUES ('ADD', $1, $2, $3, $4, $5, 'F', FALSE, $6, $7, $8, $9, $10, $11, $12)`,
    [DEMO_DELIBERATION_VILLAGE, newbornNik, family.kkNumber, `Nur ${surname}`, newbornBirth, family.address,
      'Kelahiran anak ketiga; keluarga penerima PKH dengan komponen anak usia dini.',
      'Akta kelahiran dan KK terbaru yang memuat anak tersebut, diperiksa dalam musyawarah kelurahan.',
      deliberationId, input.villageOrganisationId, input.villageClientId, input.now],
  );
  await manager.query(
    `INSERT INTO recipient_change_proposals (kind, region_code, recipient_id, nik, address, reason, evidence, base_state_hash,
        deliberation_id, proposed_by_organisation_id, proposed_by_client_id, created_at)
     SELECT 'UPDATE', $1, r.id, r.nik, $3, $4, $5, recipient_state_hash(r), $6, $7, $8, $9 FROM recipients r WHERE r.id = $2`,
    [DEMO_DELIBERATION_VILLAGE, moving.id, 'Gg. Melati No. 12, RT 03/RW 05',
      'Keluarga pindah rumah di dalam kelurahan; alamat di DTKS belum diperbarui.',
      'Surat keterangan domisili dari ketua RT dan foto rumah baru.',
      deliberationId, input.villageOrganisationId, input.villageClientId, input.now],
  );
  // Published with its signed minutes (docs/adr/0038): the public view of deliberations has a document to show.
  const [{ name: village }] = await manager.query('SELECT name FROM regions WHERE code = $1', [DEMO_DELIBERATION_VILLAGE]);
  await recordDemoMinutes(manager, {
    deliberationId, village, minutesNumber, heldOn: heldOnDate, attendance: 42,
    organisationId: input.villageOrganisationId, clientId: input.villageClientId, now: input.now,
  });
  return { recipient_provenance: provenance, deliberations: 1, recipient_change_proposals: 2, deliberation_minutes: 1 };
}
