import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RegionLevel, TimeZone } from '../common/enums';

/**
 * A Kemendagri administrative region: province `32`, district/city `32.73`,
 * sub-district `32.73.01`, village `32.73.01.1001`. The code is the key: every
 * integrator already has it, and its prefix is the region's ancestry.
 */
@Entity('regions')
@Check('region_code_format', `"code" ~ '^[0-9]{2}([.][0-9]{2}([.][0-9]{2}([.][0-9]{4})?)?)?$'`)
@Check(
  'region_level_matches_code',
  `("level" = 'PROVINCE' AND length("code") = 2) OR ("level" = 'DISTRICT' AND length("code") = 5)
   OR ("level" = 'SUBDISTRICT' AND length("code") = 8) OR ("level" = 'VILLAGE' AND length("code") = 13)`,
)
@Check('region_parent_is_prefix', `("parent_code" IS NULL AND "level" = 'PROVINCE') OR ("parent_code" IS NOT NULL AND starts_with("code", "parent_code" || '.'))`)
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: RegionLevel, enumName: 'region_level' })
  level: RegionLevel;

  /** KOTA or KABUPATEN for districts, DESA or KELURAHAN for villages; null otherwise. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  kind: string | null;

  @Index('idx_regions_parent_code')
  @Column({ type: 'varchar', length: 13, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: RegionEntity;

  @Column({ type: 'enum', enum: TimeZone, enumName: 'time_zone' })
  timeZone: TimeZone;

  /**
   * When the region left the Kemendagri register the setup loads (a newer
   * release of the data no longer has it); null while it is current. A retired
   * region is kept, never deleted: complaints, recipients and offices point at it.
   */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
