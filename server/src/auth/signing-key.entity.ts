import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key pair that signs access tokens. Kept in the database so every server
 * process signs and verifies with the same keys, and rotation is a row: a new
 * key starts signing while the old one still verifies until `expires_at`
 * (docs/adr/0004-tokens.md).
 */
@Entity('signing_keys')
@Check('signing_key_algorithm', `"algorithm" IN ('ES256')`)
export class SigningKeyEntity {
  /** The JWT `kid`. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kid: string;

  @Column({ type: 'varchar', length: 10 })
  algorithm: string;

  /** The public half as a JWK, published at /.well-known/jwks.json. */
  @Column({ type: 'jsonb' })
  publicJwk: Record<string, unknown>;

  /** PKCS#8 PEM. */
  @Column({ type: 'text' })
  privateKeyPem: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When it stopped signing new tokens (a newer key took over); null while it signs. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  /** When tokens signed with it stop being accepted; null while it signs. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
