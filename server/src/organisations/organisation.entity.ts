import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationKind, Tier } from '../common/enums';
import { RegionEntity } from '../regions/region.entity';

/**
 * Every party that calls the API or handles complaints: the ministry, provincial,
 * district/city and village social offices, banks, NGOs, portals and auditors.
 * A handler's jurisdiction is its region (null for the ministry: all of Indonesia)
 * and its tier.
 */
@Entity('organisations')
@Check(
  'organisation_tier_matches_kind',
  `("kind" = 'MINISTRY' AND "tier" = 'NATIONAL' AND "jurisdiction_region_code" IS NULL)
   OR ("kind" = 'PROVINCE_OFFICE' AND "tier" = 'PROVINCE' AND length("jurisdiction_region_code") = 2)
   OR ("kind" = 'DISTRICT_OFFICE' AND "tier" = 'DISTRICT' AND length("jurisdiction_region_code") = 5)
   OR ("kind" = 'VILLAGE_OFFICE' AND "tier" = 'VILLAGE' AND length("jurisdiction_region_code") = 13)
   OR ("kind" IN ('BANK', 'NGO', 'PORTAL', 'AUDITOR') AND "tier" IS NULL)`,
)
@Check('organisation_code_format', `"code" ~ '^[a-z0-9][a-z0-9-]{1,63}$'`)
@Check('organisation_bank_code', `("kind" = 'BANK') = ("bank_code" IS NOT NULL)`)
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /**
   * The operator's stable key for the organisation (e.g. `dinsos-3273`), by which the offices CSV finds it again:
   * a re-run of the same file changes nothing (docs/adr/0023-offices-and-client-budgets.md). Null for organisations
   * registered one by one.
   */
  @Index('uq_organisations_code', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  code: string | null;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Index('idx_organisations_jurisdiction')
  @Column({ type: 'varchar', length: 13, nullable: true })
  jurisdictionRegionCode: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_region_code' })
  jurisdictionRegion?: RegionEntity;

  /** The tier a handler acts at; null for organisations that do not handle complaints. */
  @Column({ type: 'enum', enum: Tier, enumName: 'tier', nullable: true })
  tier: Tier | null;

  /** For banks: the short code used in disbursement data (BRI, BNI, MANDIRI, BTN …). */
  @Index('uq_organisations_bank_code', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  bankCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
