import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiClientEntity } from './api-client.entity';

/**
 * A client secret, stored only as a slow hash (scrypt). A client may hold several
 * active secrets at once so that rotating one never breaks an integration.
 */
@Entity('api_client_secrets')
export class ApiClientSecretEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_api_client_secrets_client')
  @Column({ type: 'uuid' })
  apiClientId: string;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_client_id' })
  apiClient?: ApiClientEntity;

  /** `scrypt$N$r$p$salt$hash`, base64url parts. */
  @Column({ type: 'text' })
  secretHash: string;

  /** The first characters of the secret, so an operator can tell secrets apart. */
  @Column({ type: 'varchar', length: 12 })
  hint: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
