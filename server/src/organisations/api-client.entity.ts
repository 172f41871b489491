import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/** An OAuth client (client-credentials grant) belonging to an organisation. */
@Entity('api_clients')
@Check('api_client_id_format', `"client_id" ~ '^[a-z0-9][a-z0-9-]{2,63}$'`)
@Check('api_client_requests_per_minute', `"requests_per_minute" BETWEEN 10 AND 60000`)
export class ApiClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The public identifier integrators send as `client_id`. */
  @Index('uq_api_clients_client_id', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  clientId: string;

  @Index('idx_api_clients_organisation')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** May manage organisations, API clients and signing keys (the ministry's administrators). */
  @Column({ type: 'boolean', default: false })
  administrator: boolean;

  /**
   * Its request budget a minute, set by an administrator; null: the default (RATE_LIMITS.clientPerMinute). Read with
   * the client's state (cached 30 s per process), counted in Redis (docs/adr/0023-offices-and-client-budgets.md).
   */
  @Column({ type: 'integer', nullable: true })
  requestsPerMinute: number | null;

  /** A disabled client's tokens stop working and it cannot obtain new ones. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
