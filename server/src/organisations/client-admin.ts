import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { CLIENT_STATE_TTL_MS } from '../auth/token.service';
import { OrganisationKind } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { uuidOf } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { ApiClientSecretEntity } from './api-client-secret.entity';
import { ApiClientEntity } from './api-client.entity';
import { OrganisationEntity } from './organisation.entity';
import { Organisation } from './organisation.type';
import { generateSecret, hashSecret } from './secret-hash';
import { BANK_CODE, CLIENT_ID, CODE_LENGTH_OF_KIND, ORGANISATION_CODE, TIER_OF_KIND } from './organisation.rules';
import { forgetHandlingOffices } from '../complaints/intake-offices';
import { RATE_LIMITS } from '../http/limits/rate-limit';
import { fillChannelOperators } from '../channels/channel-operators';

/**
 * Administration of organisations and their API clients, by the ministry's
 * administrators. Secrets are shown once, at creation or rotation, and stored
 * only as scrypt hashes; a client may hold several live secrets, so rotating
 * never breaks an integration (docs/adr/0004-tokens.md).
 */
@ObjectType('ApiClient', { description: "An OAuth client of an organisation. Administrators only." })
export class ApiClient {
  @Field({ description: 'The client_id it authenticates with.' })
  clientId: string;

  @Field({ description: 'What it is for.' })
  name: string;

  @Field({ description: 'Whether it is disabled (its tokens stop working within a minute).' })
  disabled: boolean;

  @Field({ description: 'Whether it may administer organisations and clients.' })
  administrator: boolean;

  @Field(() => Int, {
    nullable: true,
    description: `Its request budget a minute, set by an administrator (setApiClientRateLimit); null: the default, ${RATE_LIMITS.clientPerMinute} a minute. Counted across all server processes.`,
  })
  requestsPerMinute: number | null;

  static from(entity: ApiClientEntity): ApiClient {
    return Object.assign(new ApiClient(), {
      clientId: entity.clientId, name: entity.name, disabled: entity.disabledAt !== null, administrator: entity.administrator, requestsPerMinute: entity.requestsPerMinute,
    });
  }
}

@InputType({ description: 'A new organisation.' })
export class CreateOrganisationInput {
  @Field({ description: 'Its official name (1–200 characters).' })
  name: string;

  @Field(() => OrganisationKind, { description: 'What kind of party it is.' })
  kind: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'For social offices, the region it covers (a province, district/city or village code); omit for others.' })
  jurisdictionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'For banks, the short code used in disbursement data (e.g. BSI).' })
  bankCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its stable key, e.g. `dinsos-3273` (2–64 lower-case letters, digits and dashes, unique): what an offices file finds it by (docs/offices-csv.md). Optional; one without a code is given one when a file names it.',
  })
  code?: string | null;
}

@InputType({ description: 'A new API client for an organisation.' })
export class CreateApiClientInput {
  @Field(() => ID, { description: 'The organisation.' })
  organisationId: string;

  @Field({ description: 'The client_id: 3–64 lower-case letters, digits and dashes.' })
  clientId: string;

  @Field({ description: 'What it is for (1–200 characters).' })
  name: string;
}

@InputType({ description: "A client's request budget." })
export class SetApiClientRateLimitInput {
  @Field({ description: 'The client_id.' })
  clientId: string;

  @Field(() => Int, {
    nullable: true,
    description: `Requests a minute, ${RATE_LIMITS.clientPerMinuteMin}–${RATE_LIMITS.clientPerMinuteMax}; null: back to the default (${RATE_LIMITS.clientPerMinute}). Every server process applies it within ${CLIENT_STATE_TTL_MS / 1000} seconds.`,
  })
  requestsPerMinute?: number | null;
}

@ObjectType({ description: 'The result of createOrganisation.' })
export class CreateOrganisationPayload {
  @Field(() => Organisation, { nullable: true, description: 'The organisation.' })
  organisation: Organisation | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'A client and a secret, shown only this once.' })
export class ApiClientSecretPayload {
  @Field(() => ApiClient, { nullable: true, description: 'The client.' })
  apiClient: ApiClient | null;

  @Field(() => String, { nullable: true, description: 'The new secret. It is not stored and cannot be shown again: hand it over now.' })
  clientSecret: string | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of changing an API client.' })
export class ApiClientPayload {
  @Field(() => ApiClient, { nullable: true, description: 'The client after the change.' })
  apiClient: ApiClient | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

const admin = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@Resolver()
export class ClientAdminResolver {
  @Mutation(() => CreateOrganisationPayload, { description: "Register an organisation. Administrators only." })
  async createOrganisation(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The organisation.' }) input: CreateOrganisationInput): Promise<CreateOrganisationPayload> {
    const errors = new UserErrors(ctx.locale);
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) errors.add(['input', 'name'], UserErrorCode.INVALID_INPUT, 'organisations.nameLength');
    const codeLength = CODE_LENGTH_OF_KIND[input.kind];
    const code = input.jurisdictionCode ?? null;
    const jurisdiction = codeLength && code && code.length === codeLength ? await ctx.loaders.regionByCodeLoader.load(code) : null;
    if (codeLength && !jurisdiction) {
      errors.add(['input', 'jurisdictionCode'], UserErrorCode.INVALID_INPUT, 'organisations.jurisdictionForKind');
    } else if (jurisdiction?.retiredAt != null) {
      // Kept for the records that point at it (docs/adr/0021-setup.md); a new office covers a region as it is now.
      errors.add(['input', 'jurisdictionCode'], UserErrorCode.INVALID_INPUT, 'organisations.regionRetired', { code: null });
    }
    if (!codeLength && code) errors.add(['input', 'jurisdictionCode'], UserErrorCode.INVALID_INPUT, 'organisations.onlySocialOfficesJurisdiction');
    if ((input.kind === OrganisationKind.BANK) !== Boolean(input.bankCode)) errors.add(['input', 'bankCode'], UserErrorCode.INVALID_INPUT, 'organisations.bankCodeOnlyForBanks', { field: 'bankCode' });
    else if (input.bankCode && !BANK_CODE.test(input.bankCode)) errors.add(['input', 'bankCode'], UserErrorCode.INVALID_INPUT, 'organisations.bankCodeFormat', { field: 'bankCode' });
    const organisationCode = input.code ?? null;
    if (organisationCode !== null && !ORGANISATION_CODE.test(organisationCode)) {
      errors.add(['input', 'code'], UserErrorCode.INVALID_INPUT, 'organisations.codeFormat');
    }
    const bankCodeTaken = () => errors.add(['input', 'bankCode'], UserErrorCode.INVALID_INPUT, 'organisations.bankCodeTaken');
    const codeTaken = () => errors.add(['input', 'code'], UserErrorCode.INVALID_INPUT, 'organisations.codeTaken');
    if (!errors.any && input.bankCode && (await ctx.dataSource.getRepository(OrganisationEntity).existsBy({ bankCode: input.bankCode }))) bankCodeTaken();
    if (!errors.any && organisationCode && (await ctx.dataSource.getRepository(OrganisationEntity).existsBy({ code: organisationCode }))) codeTaken();
    if (errors.any) return Object.assign(new CreateOrganisationPayload(), { organisation: null, userErrors: errors.list });
    try {
      const entity = await ctx.dataSource.transaction(async (manager) => {
        const saved = await manager.getRepository(OrganisationEntity).save({
          name, kind: input.kind, jurisdictionRegionCode: codeLength ? code : null, tier: TIER_OF_KIND[input.kind] ?? null, bankCode: input.bankCode ?? null,
          code: organisationCode,
        });
        if (saved.bankCode) await fillChannelOperators(manager); // the bank's call centre channel is now its own
        return saved;
      });
      forgetHandlingOffices(ctx.primary); // a new office is routed to at once by this process, within seconds by the others
      return Object.assign(new CreateOrganisationPayload(), { organisation: Organisation.from(entity as OrganisationEntity), userErrors: [] });
    } catch (error) {
      // Two administrators registering the same bank (or code) at once: the unique index decides, the loser is told.
      const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driverError?.code !== '23505') throw error;
      if (driverError.constraint === 'uq_organisations_code') codeTaken();
      else bankCodeTaken();
      return Object.assign(new CreateOrganisationPayload(), { organisation: null, userErrors: errors.list });
    }
  }

  @Mutation(() => ApiClientSecretPayload, { description: 'Create an API client; its first secret is returned once. Administrators only.' })
  async createApiClient(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The client.' }) input: CreateApiClientInput): Promise<ApiClientSecretPayload> {
    const errors = new UserErrors(ctx.locale);
    const organisationId = uuidOf(input.organisationId, 'Organisation');
    const organisation = organisationId ? await ctx.loaders.organisationByIdLoader.load(organisationId) : null;
    if (!organisation) errors.add(['input', 'organisationId'], UserErrorCode.NOT_FOUND, 'organisation.notFound');
    if (!CLIENT_ID.test(input.clientId)) errors.add(['input', 'clientId'], UserErrorCode.INVALID_INPUT, 'organisations.clientIdFormat', { field: 'clientId' });
    if (input.name.trim().length < 1 || input.name.length > 200) errors.add(['input', 'name'], UserErrorCode.INVALID_INPUT, 'organisations.nameLength');
    if (errors.any) return secretPayload(null, null, errors.list);
    const secret = generateSecret();
    const secretHash = await hashSecret(secret);
    const created = await ctx.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO api_clients (client_id, organisation_id, name) VALUES ($1, $2, $3) ON CONFLICT (client_id) DO NOTHING RETURNING id`,
        [input.clientId, organisation!.id, input.name.trim()],
      );
      if (!row) return null;
      await manager.getRepository(ApiClientSecretEntity).insert({ apiClientId: row.id, secretHash, hint: secret.slice(0, 8) });
      return manager.getRepository(ApiClientEntity).findOneByOrFail({ id: row.id });
    });
    if (!created) {
      errors.add(['input', 'clientId'], UserErrorCode.INVALID_INPUT, 'organisations.clientIdTaken');
      return secretPayload(null, null, errors.list);
    }
    return secretPayload(created, secret, []);
  }

  @Mutation(() => ApiClientSecretPayload, { description: 'Add a new secret to a client and return it once; the old ones keep working until revoked, so integrations switch over without downtime. Administrators only.' })
  async rotateClientSecret(@Ctx() ctx: RequestContext, @Arg('clientId', { description: 'The client_id.' }) clientId: string): Promise<ApiClientSecretPayload> {
    const client = await ctx.dataSource.getRepository(ApiClientEntity).findOneBy({ clientId });
    if (!client) return secretPayload(null, null, [notFound(ctx)]);
    const secret = generateSecret();
    await ctx.dataSource.getRepository(ApiClientSecretEntity).insert({ apiClientId: client.id, secretHash: await hashSecret(secret), hint: secret.slice(0, 8) });
    return secretPayload(client, secret, []);
  }

  @Mutation(() => ApiClientPayload, { description: 'Revoke every secret of a client except the newest: the end of a rotation. Administrators only.' })
  async revokeOldClientSecrets(@Ctx() ctx: RequestContext, @Arg('clientId', { description: 'The client_id.' }) clientId: string): Promise<ApiClientPayload> {
    const client = await ctx.dataSource.getRepository(ApiClientEntity).findOneBy({ clientId });
    if (!client) return Object.assign(new ApiClientPayload(), { apiClient: null, userErrors: [notFound(ctx)] });
    await ctx.dataSource.query(
      `UPDATE api_client_secrets SET revoked_at = now()
        WHERE api_client_id = $1 AND revoked_at IS NULL
          AND id <> (SELECT id FROM api_client_secrets WHERE api_client_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1)`,
      [client.id],
    );
    return Object.assign(new ApiClientPayload(), { apiClient: ApiClient.from(client), userErrors: [] });
  }

  @Mutation(() => ApiClientPayload, { description: 'Disable (or re-enable) a client: it can get no token, and its tokens stop working within a minute. Administrators only; an administrator cannot disable itself.' })
  async setApiClientDisabled(
    @Ctx() ctx: RequestContext,
    @Arg('clientId', { description: 'The client_id.' }) clientId: string,
    @Arg('disabled', { description: 'true to disable, false to enable again.' }) disabled: boolean,
  ): Promise<ApiClientPayload> {
    const errors = new UserErrors(ctx.locale);
    const repository = ctx.dataSource.getRepository(ApiClientEntity);
    const client = await repository.findOneBy({ clientId });
    if (!client) return Object.assign(new ApiClientPayload(), { apiClient: null, userErrors: [notFound(ctx)] });
    if (client.id === admin(ctx).apiClientId && disabled) {
      errors.add(['clientId'], UserErrorCode.INVALID_TRANSITION, 'organisations.clientCannotDisableItself');
      return Object.assign(new ApiClientPayload(), { apiClient: ApiClient.from(client), userErrors: errors.list });
    }
    await repository.update({ id: client.id, ...(disabled ? { disabledAt: IsNull() } : {}) }, { disabledAt: disabled ? new Date() : null });
    return Object.assign(new ApiClientPayload(), { apiClient: ApiClient.from((await repository.findOneBy({ id: client.id }))!), userErrors: [] });
  }

  @Mutation(() => ApiClientPayload, {
    description: `Set a client's request budget a minute (e.g. far more for a national WhatsApp line than for a district portal), or back to the default with null. Requests are counted across all server processes (in Redis); the budget applies within ${CLIENT_STATE_TTL_MS / 1000} seconds. Administrators only.`,
  })
  async setApiClientRateLimit(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The client and its budget.' }) input: SetApiClientRateLimitInput): Promise<ApiClientPayload> {
    const errors = new UserErrors(ctx.locale);
    const perMinute = input.requestsPerMinute ?? null;
    if (perMinute !== null && (perMinute < RATE_LIMITS.clientPerMinuteMin || perMinute > RATE_LIMITS.clientPerMinuteMax)) {
      errors.add(['input', 'requestsPerMinute'], UserErrorCode.INVALID_INPUT, 'organisations.requestsPerMinute', { min: RATE_LIMITS.clientPerMinuteMin, max: RATE_LIMITS.clientPerMinuteMax });
      return Object.assign(new ApiClientPayload(), { apiClient: null, userErrors: errors.list });
    }
    const [rows] = await ctx.dataSource.query(`UPDATE api_clients SET requests_per_minute = $2 WHERE client_id = $1 RETURNING id`, [input.clientId, perMinute]);
    if (rows.length === 0) return Object.assign(new ApiClientPayload(), { apiClient: null, userErrors: [notFound(ctx, ['input', 'clientId'])] });
    const client = await ctx.dataSource.getRepository(ApiClientEntity).findOneByOrFail({ id: rows[0].id });
    return Object.assign(new ApiClientPayload(), { apiClient: ApiClient.from(client), userErrors: [] });
  }
}

function secretPayload(client: ApiClientEntity | null, secret: string | null, userErrors: UserError[]): ApiClientSecretPayload {
  return Object.assign(new ApiClientSecretPayload(), { apiClient: client && ApiClient.from(client), clientSecret: secret, userErrors });
}

function notFound(ctx: RequestContext, field = ['clientId']): UserError {
  const errors = new UserErrors(ctx.locale);
  errors.add(field, UserErrorCode.NOT_FOUND, 'organisations.clientNotFound');
  return errors.list[0];
}
