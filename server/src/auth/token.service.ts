import { randomUUID } from 'node:crypto';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { DataSource, IsNull } from 'typeorm';
import { ApiClientSecretEntity } from '../organisations/api-client-secret.entity';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { verifySecret } from '../organisations/secret-hash';
import { UUID } from '../common/uuid';
import { upsertOfficer } from '../officers/officers';
import { ClientPrincipal, OfficerRef, ROLE_OF_KIND } from './principal';
import { SecretCheckQueue, secretCheckQueue, SecretChecksBusyError } from './secret-checks';
import { SigningKeyRing, TOKEN_ALGORITHM } from './signing-keys';

export const TOKEN_ISSUER = 'aduan';
export const TOKEN_AUDIENCE = 'aduan-api';
/** Short-lived: a leaked token is worth little, and a disabled client's tokens die soon anyway. */
export const TOKEN_LIFETIME_SECONDS = 15 * 60;
/**
 * How long a client's state (disabled, organisation, request budget) is cached per process: a disabled client stops,
 * and a changed budget applies, within this.
 */
export const CLIENT_STATE_TTL_MS = 30_000;

export class InvalidClientError extends Error {}
/** Why a bearer token is refused; the words a caller reads are the catalogue's request.invalidToken. */
export type InvalidTokenReason = 'CLIENT_DISABLED' | 'NOT_OURS' | 'UNKNOWN_KEY' | 'EXPIRED' | 'INVALID';

export class InvalidTokenError extends Error {
  constructor(readonly reason: InvalidTokenReason) {
    super(reason);
  }
}

interface ClientState { principal: ClientPrincipal | null; loadedAt: number }

/** A token this process has verified: whose it is, under which key, until when (ms, leeway included). */
interface VerifiedToken { sub: string; kid: string; validUntil: number; officer?: OfficerRef; organisationId?: string }

/** Tokens kept verified per process: more than the clients that call one process within a token's 15 minutes. */
const MAX_VERIFIED_TOKENS = 10_000;
/** Clock leeway on exp, nbf and iat, as jwt.verify applies it. */
const CLOCK_TOLERANCE_SECONDS = 5;

export class TokenService {
  private readonly clientStates = new Map<string, ClientState>();
  /**
   * Tokens already verified, by their exact text: the signature (ECDSA) and
   * the claims are checked once per token and process instead of on every
   * request (a client sends the same token for up to 15 minutes), which was
   * the largest single item of a submission's own CPU (docs/benchmarks.md).
   * Only tokens that passed every check are kept, so a flood of forged tokens
   * cannot fill it; each use still checks the expiry, that the signing key is
   * still trusted, and the client's state.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: SigningKeyRing,
    private readonly now = () => Date.now(),
    /** Bounds the scrypt work on the thread pool; throws SecretChecksBusyError past its queue. */
    private readonly secretChecks: SecretCheckQueue = secretCheckQueue(),
  ) {}

  /**
   * RFC 6749 §4.4: client credentials for an access token. Any failure is the same InvalidClientError.
   * `known`: the caller has had a token from its address before; its secret check waits in the line served first.
   */
  async issue(clientId: string, clientSecret: string, { known = false } = {}): Promise<{ accessToken: string; expiresIn: number }> {
    const client = await this.authenticateClient(clientId, clientSecret, known);
    return this.sign(client, {}, client.id);
  }

  /**
   * RFC 8693 token exchange for an officer (docs/adr/0030-officers.md): the client authenticates exactly as for
   * issue(), then receives a token whose `sub` is the officer (our row id) and whose `act` names the client acting for
   * them. The officer is always one of the client's own organisation: no parameter names another organisation, so a
   * client cannot speak for another's officers. The officer's row is written or refreshed (its name, last_seen_at).
   */
  async exchangeForOfficer(
    clientId: string, clientSecret: string, officer: { externalId: string; displayName: string }, { known = false } = {},
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const client = await this.authenticateClient(clientId, clientSecret, known);
    const row = await upsertOfficer(this.dataSource.manager, client.organisationId, officer, new Date(this.now()));
    return this.sign(client, {
      act: { sub: client.id, client_id: client.clientId },
      officer: { id: row.externalId, name: row.displayName },
    }, row.id);
  }

  private async sign(client: ApiClientEntity, claims: Record<string, unknown>, subject: string): Promise<{ accessToken: string; expiresIn: number }> {
    const key = await this.keys.signingKey();
    const accessToken = jwt.sign(
      { cid: client.clientId, org: client.organisationId, iat: Math.floor(this.now() / 1000), ...claims },
      key.privateKey,
      {
        algorithm: TOKEN_ALGORITHM,
        keyid: key.kid,
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        subject,
        expiresIn: TOKEN_LIFETIME_SECONDS,
        notBefore: 0,
        jwtid: randomUUID(),
      },
    );
    return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /** The client whose secret this is, or InvalidClientError (the same for every failure). */
  private async authenticateClient(clientId: string, clientSecret: string, known: boolean): Promise<ApiClientEntity> {
    if (this.secretChecks.full(known)) throw new SecretChecksBusyError(); // before reading the client: a refusal costs no query
    const client = await this.dataSource.getRepository(ApiClientEntity).findOne({ where: { clientId, disabledAt: IsNull() }, relations: { organisation: true } });
    if (!client || !client.organisation || client.organisation.disabledAt) {
      await this.secretChecks.run(() => verifySecret(clientSecret, DUMMY_HASH), known); // same work as a real check: no timing oracle for client ids
      throw new InvalidClientError();
    }
    const secrets = await this.dataSource.getRepository(ApiClientSecretEntity).find({ where: { apiClientId: client.id, revokedAt: IsNull() } });
    const now = new Date(this.now());
    const live = secrets.filter((s) => !s.expiresAt || s.expiresAt > now);
    const matched = await this.secretChecks.run(async () => {
      for (const secret of live) {
        if (await verifySecret(clientSecret, secret.secretHash)) return true;
      }
      return false;
    }, known);
    if (!matched) throw new InvalidClientError();
    return client;
  }

  /**
   * Verifies a bearer token and returns who is calling. Pins the algorithm,
   * checks signature, iss, aud, exp, nbf and iat, then that the client and its
   * organisation are still enabled (cached for CLIENT_STATE_TTL_MS).
   */
  async verify(token: string): Promise<ClientPrincipal> {
    const known = this.verified.get(token);
    const checked = known && this.now() < known.validUntil && (await this.keys.verificationKey(known.kid))
      ? known
      : await this.verifySignatureAndClaims(token);
    const principal = await this.clientPrincipal(checked.sub);
    if (!principal) throw new InvalidTokenError('CLIENT_DISABLED');
    if (!checked.officer) return principal;
    // An officer token names the organisation it was issued in; a client moved to another since speaks for nobody.
    if (checked.organisationId !== principal.organisationId) throw new InvalidTokenError('INVALID');
    return { ...principal, officer: checked.officer };
  }

  /** The full check of a token not seen (or no longer valid): answers its subject, and keeps it verified. */
  private async verifySignatureAndClaims(token: string): Promise<VerifiedToken> {
    this.verified.delete(token);
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded && typeof decoded === 'object' ? decoded.header.kid : undefined;
    if (!kid || decoded?.header.alg !== TOKEN_ALGORITHM) throw new InvalidTokenError('NOT_OURS');
    const key = await this.keys.verificationKey(kid);
    if (!key) throw new InvalidTokenError('UNKNOWN_KEY');
    let payload: JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(this.now() / 1000),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }) as JwtPayload;
    } catch (error) {
      throw new InvalidTokenError((error as Error).name === 'TokenExpiredError' ? 'EXPIRED' : 'INVALID');
    }
    if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.iat * 1000 > this.now() + CLOCK_TOLERANCE_SECONDS * 1000) {
      throw new InvalidTokenError('INVALID');
    }
    // Our tokens name an API client by its id, a UUID. Anything else is not one of ours (signed with our key, but not
    // by this code), and must not reach SQL: PostgreSQL refuses a malformed UUID with an error, not "not found".
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new InvalidTokenError('NOT_OURS');
    const verified: VerifiedToken = { sub: payload.sub, kid, validUntil: (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1000 };
    if (payload.act !== undefined) {
      // An officer token (exchangeForOfficer): `sub` is the officer, `act.sub` the client acting for them.
      const { act, officer, org } = payload as JwtPayload & { act: unknown; officer: unknown; org: unknown };
      const actor = act as { sub?: unknown } | null;
      const named = officer as { id?: unknown; name?: unknown } | null;
      if (!actor || typeof actor.sub !== 'string' || !UUID.test(actor.sub) || typeof org !== 'string'
        || !named || typeof named.id !== 'string' || typeof named.name !== 'string') throw new InvalidTokenError('NOT_OURS');
      Object.assign(verified, { sub: actor.sub, organisationId: org, officer: { rowId: payload.sub, externalId: named.id, displayName: named.name } });
    }
    this.verified.set(token, verified);
    if (this.verified.size > MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!); // the oldest
    return verified;
  }

  /** Forget cached client state (after disabling a client in this process). */
  forget(apiClientId: string): void {
    this.clientStates.delete(apiClientId);
  }

  /**
   * Who an API client is now (null when it or its organisation is disabled), cached like a token's caller: also for
   * requests that carry a capability instead of a token (evidence upload and download URLs name their client).
   */
  async clientPrincipal(apiClientId: string): Promise<ClientPrincipal | null> {
    if (!UUID.test(apiClientId)) return null; // no client has such an id; PostgreSQL would answer it with an error
    const cached = this.clientStates.get(apiClientId);
    if (cached && this.now() - cached.loadedAt < CLIENT_STATE_TTL_MS) return cached.principal;
    const client = await this.dataSource.getRepository(ApiClientEntity).findOne({ where: { id: apiClientId }, relations: { organisation: true } });
    const organisation = client?.organisation as OrganisationEntity | undefined;
    const principal: ClientPrincipal | null = client && organisation && !client.disabledAt && !organisation.disabledAt
      ? {
        kind: 'client',
        apiClientId: client.id,
        clientId: client.clientId,
        organisationId: organisation.id,
        organisationKind: organisation.kind,
        organisationName: organisation.name,
        role: ROLE_OF_KIND[organisation.kind],
        tier: organisation.tier,
        jurisdictionCode: organisation.jurisdictionRegionCode,
        administrator: client.administrator,
        bankCode: organisation.bankCode,
        requestsPerMinute: client.requestsPerMinute,
      }
      : null;
    this.clientStates.set(apiClientId, { principal, loadedAt: this.now() });
    return principal;
  }
}

/** A valid hash of a random secret, verified against when the client id is unknown. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
