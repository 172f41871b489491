import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApiClientEntity } from '../organisations/api-client.entity';

/**
 * The first result of a creating mutation, kept 24 h per client and key. The
 * unique constraint (not a check-then-insert) is what makes two racing requests
 * with one key create one thing.
 */
@Entity('idempotency_records')
@Unique('uq_idempotency_records_client_key', ['apiClientId', 'key'])
@Check('idempotency_key_length', `char_length("key") BETWEEN 1 AND 128`)
export class IdempotencyRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  apiClientId: string;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_client_id' })
  apiClient?: ApiClientEntity;

  @Column({ type: 'varchar', length: 128 })
  key: string;

  /** The mutation's name: the same key on another mutation is a reuse. */
  @Column({ type: 'varchar', length: 64 })
  operation: string;

  /** SHA-256 of the canonical input, to tell a repeat from a reuse with other input. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  /** What the first call returned (ids, not personal data), to answer repeats. */
  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index('idx_idempotency_records_expires')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
