import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The two kinds of day off an SKB 3 Menteri fixes. Both stop the SLA clocks counted in working days. */
export enum DayOffKind {
  /** Hari libur nasional. */
  PUBLIC_HOLIDAY = 'PUBLIC_HOLIDAY',
  /** Cuti bersama: collective leave of the civil service, who handle complaints. */
  CUTI_BERSAMA = 'CUTI_BERSAMA',
}

/**
 * Indonesia's days off, as data (docs/adr/0022-days-off.md): filled by the
 * setup from the library's public holidays and the known SKB lists
 * (seedDaysOff), extended by administrators when the next SKB is published.
 *
 * A row is never deleted: an SKB that gives a day back (as in 2020 and 2021)
 * withdraws it (`withdrawn_at`), and the seed's INSERT … ON CONFLICT DO
 * NOTHING then finds the row and leaves it withdrawn. One row per date, kind
 * and name: two holidays can fall on one date (2027-12-25 is Christmas and
 * Isra Mi'raj).
 */
@Entity('days_off')
@Index('uq_days_off_date_kind_name', ['date', 'kind', 'name'], { unique: true })
@Check('day_off_name_length', `char_length("name") BETWEEN 1 AND 200`)
@Check('day_off_source_length', `char_length("source") BETWEEN 1 AND 300`)
@Check('day_off_withdrawal_complete', `("withdrawn_at" IS NULL) = ("withdrawn_by" IS NULL)`)
export class DayOffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The local calendar date (every zone's: a national day off is one for WIB, WITA and WIT alike). */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'enum', enum: DayOffKind, enumName: 'day_off_kind' })
  kind: DayOffKind;

  /** As the SKB names it, e.g. 'Cuti bersama Idul Fitri 1448 H'. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Where it comes from: the SKB's number, or the library that computed it when no SKB was at hand. */
  @Column({ type: 'varchar', length: 300 })
  source: string;

  /** Who recorded it: 'setup', an administrator's client_id, or 'cli:<operator>'. */
  @Column({ type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  /** When the day was given back as a working day; null while it is a day off. */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  withdrawnBy: string | null;

  /** Why: the amending SKB's number, say. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  withdrawalSource: string | null;
}
