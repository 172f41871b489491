import { parse } from 'csv-parse/sync';
import { DataSource, EntityManager } from 'typeorm';
import { OrganisationKind, RegionLevel } from '../common/enums';
import { fillChannelOperators } from '../channels/channel-operators';
import { forgetHandlingOffices } from '../complaints/intake-offices';
import { RATE_LIMITS } from '../http/limits/rate-limit';
import { UserErrorCode } from '../graphql/user-error';
import type { Bilingual } from '../graphql/user-errors';
import { BANK_CODE, CLIENT_ID, JURISDICTION_LEVEL_OF_KIND, ORGANISATION_CODE, TIER_OF_KIND } from './organisation.rules';
import { generateSecret, hashSecret } from './secret-hash';
import { words } from '../words';

/**
 * The offices CSV (docs/offices-csv.md, docs/adr/0023-offices-and-client-budgets.md): organisations and, on request,
 * their API clients, registered in bulk. One service for `npm run offices` and the importOrganisations mutation.
 *
 * - The whole file or nothing: every row is checked before anything is written, in one transaction; any error and
 *   nothing is written, and every error is reported (line, column, code, message).
 * - A re-run changes nothing: an organisation is found again by its `code`, a client by its `client_id`.
 * - New clients' secrets are returned once (the CLI writes them to a file only the operator can read, before the
 *   transaction commits) and stored only as scrypt hashes.
 */

export const OFFICE_COLUMNS = ['code', 'kind', 'name', 'jurisdiction_code', 'bank_code', 'client_id', 'client_name', 'requests_per_minute'] as const;
export type OfficeColumn = typeof OFFICE_COLUMNS[number];
const REQUIRED_COLUMNS: OfficeColumn[] = ['code', 'kind', 'name'];

/** The ministry is created by `npm run setup -- --admin`, never from a file: it holds the administrators. */
const IMPORTABLE_KINDS: OrganisationKind[] = Object.values(OrganisationKind).filter((kind) => kind !== OrganisationKind.MINISTRY);

/** Rows in one file: far more than the country's offices (38 + 514 + 83,763 villages), small enough to check at once. */
export const MAX_IMPORT_ROWS = 100_000;

export enum ImportAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  /** A client_id whose client does not exist, in an import not asked to create clients: nothing written. */
  NOT_REQUESTED = 'NOT_REQUESTED',
}

export interface ImportError {
  /** The file's line (1 = the header). */
  line: number;
  /** The CSV column; null when the line as a whole is wrong (unreadable, wrong number of fields). */
  column: OfficeColumn | string | null;
  code: UserErrorCode;
  message: Bilingual;
}

export interface ImportRow {
  line: number;
  code: string;
  name: string;
  kind: OrganisationKind;
  /** The organisation's id; null for one a dry run would create. */
  organisationId: string | null;
  organisation: ImportAction;
  clientId: string | null;
  /** null when the row names no client. */
  client: ImportAction | null;
}

export interface NewClientSecret { line: number; code: string; clientId: string; clientSecret: string }

export interface ImportResult {
  /** Whether anything was written: false for a dry run and for a file with errors. */
  committed: boolean;
  dryRun: boolean;
  rows: ImportRow[];
  errors: ImportError[];
  /** The new clients' secrets, once; empty for a dry run. */
  secrets: NewClientSecret[];
}

export interface ImportOptions {
  /** Check and report, write nothing. */
  dryRun?: boolean;
  /** Create the clients named in `client_id` that do not exist yet (with a first secret each). */
  createClients?: boolean;
  /**
   * Called with the new secrets before the transaction commits: the CLI writes its secrets file here, so a secret
   * is never stored without the operator holding it. Throwing rolls everything back.
   */
  beforeCommit?: (secrets: NewClientSecret[]) => Promise<void>;
  /**
   * The most clients one call may create: each secret is an scrypt hash on the thread pool the token endpoint's
   * secret checks share, so a request to the server is bounded (the CLI, its own process, is not).
   */
  maxNewClients?: number;
}

interface ParsedRow {
  line: number;
  code: string;
  kind: OrganisationKind;
  name: string;
  jurisdictionCode: string | null;
  bankCode: string | null;
  clientId: string | null;
  clientName: string | null;
  requestsPerMinute: number | null;
}

interface ExistingOrganisation { id: string; code: string | null; name: string; kind: OrganisationKind; jurisdictionCode: string | null; bankCode: string | null }
interface ExistingClient { id: string; clientId: string; organisationId: string; name: string; requestsPerMinute: number | null }

/**
 * One import at a time (two at once would both see a code as new). The second is told at once rather than queued:
 * a large import holds the lock while it hashes secrets, longer than a statement may wait.
 */
const IMPORT_LOCK = 'aduan:organisation-import';
/** Secrets hashed at once: scrypt runs on libuv's pool (4 threads), more only queue. */
const HASH_CONCURRENCY = 8;

export async function importOrganisations(dataSource: DataSource, csv: string | Buffer, options: ImportOptions = {}): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const { rows: parsed, errors } = parseOffices(csv);
  const empty = { committed: false, dryRun, rows: [], secrets: [] };
  if (parsed.length === 0) return { ...empty, errors }; // nothing readable to check further against the database

  let result: ImportResult;
  try {
    result = await dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [IMPORT_LOCK]);
      if (!locked) return { ...empty, errors: [BUSY] };
      const plan = await planImport(manager, parsed, errors, options.createClients ?? false);
      if (options.maxNewClients !== undefined && plan.newClients.length > options.maxNewClients) {
        const max = options.maxNewClients;
        errors.push({ line: plan.newClients[max].line, column: 'client_id', code: UserErrorCode.INVALID_INPUT, message: words('offices.tooManyNewClients', { max }) });
      }
      if (errors.length > 0) return { ...empty, errors: sorted(errors) };
      if (dryRun) return { ...empty, rows: plan.rows, errors: [] };
      const secrets = await write(manager, plan);
      await options.beforeCommit?.(secrets);
      return { committed: true, dryRun, rows: plan.rows, errors: [], secrets };
    });
  } catch (error) {
    // A code, bank code or client id taken meanwhile by createOrganisation or createApiClient (they do not wait for
    // the import's lock): the unique index decided, nothing of the file was written.
    if ((error as { code?: string; driverError?: { code?: string } }).driverError?.code !== '23505') throw error;
    return { ...empty, errors: [{ line: 1, column: null, code: UserErrorCode.INVALID_INPUT, message: words('offices.takenMeanwhile') }] };
  }
  // A new office is routed to at once by this process, within seconds by the others (complaints/intake-offices.ts).
  if (result.committed) forgetHandlingOffices(dataSource);
  return result;
}

const BUSY: ImportError = {
  line: 1, column: null, code: UserErrorCode.INVALID_INPUT,
  message: words('offices.busy'),
};

function sorted(errors: ImportError[]): ImportError[] {
  return [...errors].sort((a, b) => a.line - b.line || OFFICE_COLUMNS.indexOf(a.column as OfficeColumn) - OFFICE_COLUMNS.indexOf(b.column as OfficeColumn));
}

/** Reads the file and checks each row on its own (formats, kinds, duplicates within the file). */
export function parseOffices(csv: string | Buffer): { rows: ParsedRow[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (line: number, column: string | null, message: Bilingual, code = UserErrorCode.INVALID_INPUT) => errors.push({ line, column, code, message });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    fail(line, null, words('offices.csvUnreadable', { line, reason: (error as Error).message }));
    return { rows: [], errors };
  }
  if (records.length === 0) {
    fail(1, null, words('offices.empty'));
    return { rows: [], errors };
  }
  const header = records[0].record.map((name) => name.toLowerCase());
  const headerLine = records[0].info.lines;
  header.forEach((name, index) => {
    if (!(OFFICE_COLUMNS as readonly string[]).includes(name)) {
      fail(headerLine, name, words('offices.unknownColumn', { name, columns: OFFICE_COLUMNS.join(', ') }));
    } else if (header.indexOf(name) !== index) {
      fail(headerLine, name, words('offices.columnTwice', { name }));
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) fail(headerLine, column, words('offices.columnMissing', { name: column }));
  }
  if (errors.length > 0) return { rows: [], errors };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    fail(records[MAX_IMPORT_ROWS + 1].info.lines, null, words('offices.tooManyRows', { max: MAX_IMPORT_ROWS }));
    return { rows: [], errors };
  }

  const rows: ParsedRow[] = [];
  const firstLineOf = { code: new Map<string, number>(), clientId: new Map<string, number>(), bankCode: new Map<string, number>() };
  const duplicate = (kind: keyof typeof firstLineOf, column: OfficeColumn, value: string | null, line: number) => {
    if (!value) return;
    const first = firstLineOf[kind].get(value);
    if (first === undefined) firstLineOf[kind].set(value, line);
    else fail(line, column, words('offices.duplicateValue', { value, first }));
  };
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      fail(line, null, words('offices.fieldCount', { fields: record.length, header: header.length }));
      continue;
    }
    const cell = (column: OfficeColumn): string | null => {
      const index = header.indexOf(column);
      return index < 0 || record[index] === '' ? null : record[index];
    };
    const before = errors.length;
    const code = cell('code') ?? '';
    if (!ORGANISATION_CODE.test(code)) fail(line, 'code', words('organisations.codeFormat'));
    const kind = (cell('kind') ?? '').toUpperCase() as OrganisationKind;
    const kindKnown = IMPORTABLE_KINDS.includes(kind);
    if (!kindKnown) {
      fail(line, 'kind', kind === OrganisationKind.MINISTRY
        ? words('offices.ministryNotFromFile')
        : words('offices.kindUnknown', { kinds: IMPORTABLE_KINDS.join(', ') }));
    }
    const name = cell('name') ?? '';
    if (name.length < 1 || name.length > 200) fail(line, 'name', words('organisations.nameLength'));
    const jurisdictionCode = cell('jurisdiction_code');
    const level = JURISDICTION_LEVEL_OF_KIND[kind];
    if (kindKnown && level && !jurisdictionCode) {
      fail(line, 'jurisdiction_code', words('offices.jurisdictionRequired', { kind, level }));
    } else if (kindKnown && !level && jurisdictionCode) {
      fail(line, 'jurisdiction_code', words('offices.jurisdictionOnlySocialOffices'));
    }
    const bankCode = cell('bank_code');
    if (kindKnown && (kind === OrganisationKind.BANK) !== Boolean(bankCode)) {
      fail(line, 'bank_code', words('organisations.bankCodeOnlyForBanks', { field: 'bank_code' }));
    } else if (bankCode && !BANK_CODE.test(bankCode)) {
      fail(line, 'bank_code', words('organisations.bankCodeFormat', { field: 'bank_code' }));
    }
    const clientId = cell('client_id');
    if (clientId && !CLIENT_ID.test(clientId)) fail(line, 'client_id', words('organisations.clientIdFormat', { field: 'client_id' }));
    const clientName = cell('client_name');
    if (clientName && !clientId) fail(line, 'client_name', words('offices.clientNameWithoutClient'));
    else if (clientName && clientName.length > 200) fail(line, 'client_name', words('offices.clientNameLength'));
    const rpmText = cell('requests_per_minute');
    const rpm = rpmText === null ? null : Number(rpmText);
    const { clientPerMinuteMin: min, clientPerMinuteMax: max } = RATE_LIMITS;
    if (rpmText !== null && !clientId) fail(line, 'requests_per_minute', words('offices.rateWithoutClient'));
    else if (rpm !== null && !(Number.isInteger(rpm) && rpm >= min && rpm <= max)) {
      fail(line, 'requests_per_minute', words('offices.rateRange', { min, max }));
    }
    duplicate('code', 'code', code, line);
    duplicate('clientId', 'client_id', clientId, line);
    duplicate('bankCode', 'bank_code', bankCode, line);
    if (errors.length > before) continue;
    rows.push({ line, code, kind, name, jurisdictionCode, bankCode, clientId, clientName, requestsPerMinute: rpm });
  }
  if (records.length === 1) fail(headerLine, null, words('offices.noRows'));
  return { rows, errors };
}

interface Plan {
  rows: ImportRow[];
  newOrganisations: ParsedRow[];
  /** Organisations found again whose name changed, or registered by hand and now given their code. */
  organisationUpdates: { id: string; code: string; name: string }[];
  newClients: (ParsedRow & { clientId: string })[];
  clientUpdates: { id: string; name: string; requestsPerMinute: number | null }[];
}

/** Checks the rows against the database and decides, row by row, what the import does. Reads only. */
async function planImport(manager: EntityManager, parsed: ParsedRow[], errors: ImportError[], createClients: boolean): Promise<Plan> {
  const fail = (line: number, column: OfficeColumn, message: Bilingual) => errors.push({ line, column, code: UserErrorCode.INVALID_INPUT, message });
  const regionCodes = [...new Set(parsed.flatMap((r) => (r.jurisdictionCode ? [r.jurisdictionCode] : [])))];
  const regionRows: { code: string; level: RegionLevel; retired: boolean }[] = await manager.query(
    `SELECT code, level, retired_at IS NOT NULL AS retired FROM regions WHERE code = ANY($1::text[])`, [regionCodes]);
  const regions = new Map(regionRows.map((r) => [r.code, r.level]));
  const retiredRegions = new Set(regionRows.filter((r) => r.retired).map((r) => r.code));
  const organisations: ExistingOrganisation[] = await manager.query(
    `SELECT id, code, name, kind, jurisdiction_region_code AS "jurisdictionCode", bank_code AS "bankCode" FROM organisations
      WHERE code = ANY($1::text[]) OR bank_code = ANY($2::text[])
         OR (code IS NULL AND (jurisdiction_region_code = ANY($3::text[]) OR name = ANY($4::text[])))`,
    [parsed.map((r) => r.code), parsed.flatMap((r) => (r.bankCode ? [r.bankCode] : [])), regionCodes, parsed.map((r) => r.name)],
  );
  const byCode = new Map(organisations.filter((o) => o.code).map((o) => [o.code!, o]));
  const byBankCode = new Map(organisations.filter((o) => o.bankCode).map((o) => [o.bankCode!, o]));
  const clients = new Map<string, ExistingClient>(
    (await manager.query(
      `SELECT id, client_id AS "clientId", organisation_id AS "organisationId", name, requests_per_minute AS "requestsPerMinute" FROM api_clients WHERE client_id = ANY($1::text[])`,
      [parsed.flatMap((r) => (r.clientId ? [r.clientId] : []))],
    )).map((c: ExistingClient) => [c.clientId, c]),
  );

  const plan: Plan = { rows: [], newOrganisations: [], organisationUpdates: [], newClients: [], clientUpdates: [] };
  const adoptedBy = new Map<string, number>();
  for (const row of parsed) {
    const before = errors.length;
    const level = JURISDICTION_LEVEL_OF_KIND[row.kind];
    if (level && row.jurisdictionCode) {
      const found = regions.get(row.jurisdictionCode);
      if (!found) fail(row.line, 'jurisdiction_code', words('offices.regionUnknown', { code: row.jurisdictionCode }));
      else if (found !== level) fail(row.line, 'jurisdiction_code', words('offices.regionWrongLevel', { code: row.jurisdictionCode, level }));
    }
    let existing = byCode.get(row.code);
    if (existing) {
      // Found again by its code: what it is may not change from a file (a new jurisdiction is a new office, with a new code).
      if (existing.kind !== row.kind) fail(row.line, 'kind', changed(row.code, 'kind', existing.kind));
      else if ((existing.jurisdictionCode ?? null) !== row.jurisdictionCode) fail(row.line, 'jurisdiction_code', changed(row.code, 'jurisdiction_code', existing.jurisdictionCode ?? '(none)'));
      else if ((existing.bankCode ?? null) !== row.bankCode) fail(row.line, 'bank_code', changed(row.code, 'bank_code', existing.bankCode ?? '(none)'));
    } else {
      // Not imported before: one registered by hand (createOrganisation, no code) that is plainly this one is adopted
      // rather than doubled — the same bank code, or the same kind and jurisdiction (offices), or kind and name.
      const candidates = row.bankCode
        ? [byBankCode.get(row.bankCode)].filter((o): o is ExistingOrganisation => Boolean(o))
        : organisations.filter((o) => !o.code && o.kind === row.kind && (level ? o.jurisdictionCode === row.jurisdictionCode : o.name === row.name));
      if (candidates.length === 1 && candidates[0].code) {
        fail(row.line, 'bank_code', words('offices.bankCodeOfAnother', { bankCode: row.bankCode ?? '', code: candidates[0].code }));
      } else if (candidates.length > 1) {
        fail(row.line, 'code', words('offices.ambiguousMatch', { count: candidates.length }));
      } else if (candidates.length === 1) {
        const first = adoptedBy.get(candidates[0].id);
        if (first !== undefined) fail(row.line, 'code', words('offices.sameOrganisationTwice', { first }));
        else {
          adoptedBy.set(candidates[0].id, row.line);
          existing = candidates[0];
        }
      }
    }
    if (!existing && row.jurisdictionCode && retiredRegions.has(row.jurisdictionCode)) {
      // Kept for the records that point at it (docs/adr/0021-setup.md); a new office covers a region as it is now.
      fail(row.line, 'jurisdiction_code', words('organisations.regionRetired', { code: row.jurisdictionCode }));
    }
    let client: ImportAction | null = null;
    const known = row.clientId ? clients.get(row.clientId) : undefined;
    if (row.clientId && known) {
      if (!existing || known.organisationId !== existing.id) {
        fail(row.line, 'client_id', words('offices.clientIdOfAnother', { clientId: row.clientId }));
      } else {
        const name = row.clientName ?? known.name;
        const rpm = row.requestsPerMinute ?? known.requestsPerMinute; // empty: left as it is (an administrator may have set it)
        client = name !== known.name || rpm !== known.requestsPerMinute ? ImportAction.UPDATED : ImportAction.UNCHANGED;
        if (client === ImportAction.UPDATED) plan.clientUpdates.push({ id: known.id, name, requestsPerMinute: rpm });
      }
    } else if (row.clientId) {
      client = createClients ? ImportAction.CREATED : ImportAction.NOT_REQUESTED;
      if (createClients) plan.newClients.push({ ...row, clientId: row.clientId });
    }
    if (errors.length > before) continue;
    let organisation = ImportAction.UNCHANGED;
    if (!existing) {
      organisation = ImportAction.CREATED;
      plan.newOrganisations.push(row);
    } else if (existing.code !== row.code || existing.name !== row.name) {
      organisation = ImportAction.UPDATED;
      plan.organisationUpdates.push({ id: existing.id, code: row.code, name: row.name });
    }
    plan.rows.push({ line: row.line, code: row.code, name: row.name, kind: row.kind, organisationId: existing?.id ?? null, organisation, clientId: row.clientId, client });
  }
  return plan;
}

function changed(code: string, column: OfficeColumn, registered: string): Bilingual {
  return words('offices.registeredOtherwise', { code, column, registered });
}

/** Writes the plan: new organisations and clients in bulk, then the few updates. Answers the new secrets. */
async function write(manager: EntityManager, plan: Plan): Promise<NewClientSecret[]> {
  const ids = new Map(plan.rows.flatMap((r) => (r.organisationId ? [[r.code, r.organisationId] as const] : [])));
  if (plan.newOrganisations.length > 0) {
    const created: { id: string; code: string }[] = await manager.query(
      `INSERT INTO organisations (code, name, kind, jurisdiction_region_code, tier, bank_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::organisation_kind[], $4::text[], $5::tier[], $6::text[])
       RETURNING id, code`,
      columns(plan.newOrganisations, (r) => [r.code, r.name, r.kind, r.jurisdictionCode, TIER_OF_KIND[r.kind] ?? null, r.bankCode]),
    );
    for (const { id, code } of created) ids.set(code, id);
    if (plan.newOrganisations.some((r) => r.bankCode)) await fillChannelOperators(manager); // a bank's call centre is now its own
  }
  if (plan.organisationUpdates.length > 0) {
    await manager.query(
      `UPDATE organisations o SET code = x.code, name = x.name FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, code, name) WHERE o.id = x.id`,
      columns(plan.organisationUpdates, (u) => [u.id, u.code, u.name]),
    );
  }
  if (plan.clientUpdates.length > 0) {
    await manager.query(
      `UPDATE api_clients c SET name = x.name, requests_per_minute = x.rpm FROM unnest($1::uuid[], $2::text[], $3::int[]) AS x(id, name, rpm) WHERE c.id = x.id`,
      columns(plan.clientUpdates, (u) => [u.id, u.name, u.requestsPerMinute]),
    );
  }
  for (const row of plan.rows) row.organisationId ??= ids.get(row.code)!;
  if (plan.newClients.length === 0) return [];

  const secrets: NewClientSecret[] = plan.newClients.map((r) => ({ line: r.line, code: r.code, clientId: r.clientId, clientSecret: generateSecret() }));
  const hashes: string[] = [];
  for (let i = 0; i < secrets.length; i += HASH_CONCURRENCY) {
    hashes.push(...(await Promise.all(secrets.slice(i, i + HASH_CONCURRENCY).map((s) => hashSecret(s.clientSecret)))));
  }
  const inserted: { id: string; clientId: string }[] = await manager.query(
    `INSERT INTO api_clients (client_id, organisation_id, name, requests_per_minute)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[]) RETURNING id, client_id AS "clientId"`,
    columns(plan.newClients, (r) => [r.clientId, ids.get(r.code)!, r.clientName ?? r.name.slice(0, 200), r.requestsPerMinute]),
  );
  const clientIds = new Map(inserted.map((c) => [c.clientId, c.id]));
  await manager.query(
    `INSERT INTO api_client_secrets (api_client_id, secret_hash, hint) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
    columns(secrets.map((s, i) => ({ ...s, hash: hashes[i] })), (s) => [clientIds.get(s.clientId)!, s.hash, s.clientSecret.slice(0, 8)]),
  );
  return secrets;
}

/** Rows to the column arrays `unnest` takes: one statement for any number of rows. */
function columns<T>(items: T[], pick: (item: T) => unknown[]): unknown[][] {
  const picked = items.map(pick);
  return picked[0].map((_, index) => picked.map((values) => values[index]));
}
