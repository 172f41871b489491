import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';

/**
 * A village deliberation (musyawarah desa, Musdes) that recommended changes to
 * the recipient register: one row per minutes (berita acara) of a village, so
 * the proposals one meeting recommended share it. Append-only (a trigger
 * refuses UPDATE and DELETE): what a meeting decided is not rewritten later.
 */
@Entity('deliberations')
@Unique('uq_deliberations_region_minutes', ['regionCode', 'minutesNumber'])
@Check('deliberation_attendance_positive', `"attendance_count" > 0`)
@Check('deliberation_region_is_village', `length("region_code") = 13`)
// The public list, by region, the most recently recorded first (docs/adr/0038).
@Index('idx_deliberations_region_created', ['regionCode', 'createdAt', 'id'])
@Check('deliberation_minutes_number_length', `char_length("minutes_number") BETWEEN 1 AND 100`)
export class DeliberationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The village that held it. */
  @Column({ type: 'varchar', length: 13 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'date' })
  heldOn: string;

  /** The number of its minutes (berita acara), e.g. `140/BA-MUSDES/X/2026`. */
  @Column({ type: 'varchar', length: 100 })
  minutesNumber: string;

  /** How many attended. */
  @Column({ type: 'integer' })
  attendanceCount: number;

  /** The village office that recorded it. */
  @Column({ type: 'uuid' })
  recordedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_organisation_id' })
  recordedByOrganisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  recordedByClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_client_id' })
  recordedByClient?: ApiClientEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
