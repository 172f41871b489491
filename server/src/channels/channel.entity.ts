import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChannelKind } from '../common/enums';
import { OrganisationEntity } from '../organisations/organisation.entity';

/** A way complaints reach Aduan: a hotline, WhatsApp, a service point, a bank's report … */
@Entity('channels')
@Check('channel_code_format', `"code" ~ '^[A-Z][A-Z0-9_]{1,29}$'`)
export class ChannelEntity {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: ChannelKind, enumName: 'channel_kind' })
  kind: ChannelKind;

  @Column({ type: 'text' })
  description: string;

  /** The organisation that runs the channel (e.g. the bank for its call centre); null when Aduan itself does. */
  @Column({ type: 'uuid', nullable: true })
  operatorOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'operator_organisation_id' })
  operatorOrganisation?: OrganisationEntity;

  /** A phone number, address or URL a person can use; null where there is none (e.g. bank reports). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  contact: string | null;

  /** Human-readable hours, e.g. "Senin–Jumat 08.00–17.00 WIB"; null means always open. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  serviceHours: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
