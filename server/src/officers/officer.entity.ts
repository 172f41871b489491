import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';

/**
 * A person of an organisation as that organisation's own sign-in names them (docs/adr/0030-officers.md): known to
 * Aduan only by the organisation's id for them and a display name — no NIK, phone or e-mail. A row is written (or its
 * name and last_seen_at refreshed) when the organisation's client exchanges a token for the officer, or assigns a
 * complaint to one; timeline events, access-log rows and assignments reference it.
 */
@Entity('officers')
@Unique('uq_officers_organisation_external_id', ['organisationId', 'externalId'])
export class OfficerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_officers_organisation')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** The organisation's own identifier of the officer (its sign-in's subject), 1–200 printable characters. */
  @Column({ type: 'varchar', length: 200 })
  externalId: string;

  /** The name the organisation gives, 1–150 characters; the latest one sent. */
  @Column({ type: 'varchar', length: 150 })
  displayName: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstSeenAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;
}
