import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { DataSource, IsNull, MoreThan, Or } from 'typeorm';
import { detachedFromRequest } from '../database/request-cancellation';
import { SigningKeyEntity } from './signing-key.entity';

export const TOKEN_ALGORITHM = 'ES256' as const;

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

/**
 * The keys this process signs and verifies with, read from the database and
 * refreshed every `refreshMs`, so a rotation done by one process (or by hand)
 * reaches every other within that time.
 */
export class SigningKeyRing {
  private signing?: SigningKey;
  private verifying = new Map<string, KeyObject>();
  private jwks: Record<string, unknown>[] = [];
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
    private readonly refreshMs = 30_000,
  ) {}

  async signingKey(): Promise<SigningKey> {
    await this.fresh();
    if (!this.signing) {
      await ensureSigningKey(this.dataSource);
      await this.reload();
    }
    return this.signing!;
  }

  async verificationKey(kid: string): Promise<KeyObject | undefined> {
    await this.fresh();
    if (!this.verifying.has(kid)) await this.reload(); // a key made by another process a moment ago
    return this.verifying.get(kid);
  }

  async publicJwks(): Promise<{ keys: Record<string, unknown>[] }> {
    await this.fresh();
    return { keys: this.jwks };
  }

  private async fresh(): Promise<void> {
    if (this.now() - this.loadedAt > this.refreshMs) await this.reload();
  }

  private async reload(): Promise<void> {
    // Every caller who comes meanwhile awaits this one reload: it is nobody's request, so one of them leaving cannot cancel it for the rest.
    this.loading ??= detachedFromRequest(async () => {
      const rows = await this.dataSource.getRepository(SigningKeyEntity).find({
        where: { expiresAt: Or(IsNull(), MoreThan(new Date(this.now()))) },
        order: { createdAt: 'DESC' },
      });
      const active = rows.find((row) => row.retiredAt === null);
      this.signing = active && { kid: active.kid, privateKey: createPrivateKey(active.privateKeyPem), publicJwk: active.publicJwk };
      this.verifying = new Map(rows.map((row) => [row.kid, createPublicKey(row.privateKeyPem)]));
      this.jwks = rows.map((row) => ({ ...row.publicJwk, kid: row.kid, alg: row.algorithm, use: 'sig' }));
      this.loadedAt = this.now();
    }).finally(() => (this.loading = undefined));
    await this.loading;
  }
}

/** Makes a signing key when none signs (first start). Safe to race: one wins, the others reuse it. */
export async function ensureSigningKey(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('aduan.signing_keys'))`);
    const active = await manager.getRepository(SigningKeyEntity).findOneBy({ retiredAt: IsNull() });
    if (!active) await manager.getRepository(SigningKeyEntity).save(newKeyRow());
  });
}

/**
 * Rotation: a new key signs from now on; the previous one keeps verifying for
 * `overlapSeconds` (at least the token lifetime), then drops out of the JWKS.
 */
export async function rotateSigningKey(dataSource: DataSource, overlapSeconds: number): Promise<string> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('aduan.signing_keys'))`);
    const now = new Date();
    await manager.getRepository(SigningKeyEntity).update(
      { retiredAt: IsNull() },
      { retiredAt: now, expiresAt: new Date(now.getTime() + overlapSeconds * 1000) },
    );
    const row = newKeyRow();
    await manager.getRepository(SigningKeyEntity).save(row);
    return row.kid;
  });
}

function newKeyRow(): SigningKeyEntity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return Object.assign(new SigningKeyEntity(), {
    kid: `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`,
    algorithm: TOKEN_ALGORITHM,
    publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    retiredAt: null,
    expiresAt: null,
  });
}
