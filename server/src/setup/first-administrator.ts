import { EntityManager } from 'typeorm';
import { generateSecret, hashSecret } from '../organisations/secret-hash';
import { SetupError } from './setup-error';

/** The ministry's organisation, as `npm run setup -- --admin` creates it. */
export const MINISTRY_NAME = 'Kementerian Sosial Republik Indonesia';

export interface AdministratorRequest {
  /** The administrator client's name: who or what uses it ("Pusdatin, tim operasi Aduan"). */
  name: string;
  /** Create one even when an administrator already exists (`--another-admin`). */
  another?: boolean;
}

/** A prepared secret: hashed before the transaction (scrypt takes a while), shown once after it. */
export interface PreparedSecret {
  secret: string;
  hash: string;
}

export async function prepareSecret(): Promise<PreparedSecret> {
  const secret = generateSecret();
  return { secret, hash: await hashSecret(secret) };
}

export interface AdministratorResult {
  ministry: { id: string; name: string; created: boolean };
  /** The client created now, with its secret: print it once, store it nowhere. */
  created: { clientId: string; name: string; secret: string } | null;
  /** The enabled administrator clients there were before this run. */
  existing: { clientId: string; name: string }[];
}

/**
 * The ministry's organisation (the MINISTRY kind, national tier; created once)
 * and an administrator API client of it, which can then create every other
 * organisation and client through the API. An administrator is created only
 * when none exists yet, or when asked for another: running the setup again
 * with the same command must not hand out a second set of keys to the system.
 */
export async function ensureFirstAdministrator(manager: EntityManager, request: AdministratorRequest, secret: PreparedSecret): Promise<AdministratorResult> {
  const name = request.name.trim();
  if (name.length < 1 || name.length > 200) throw new SetupError('--admin needs the administrator client\'s name, 1–200 characters, e.g. --admin "Pusdatin Kemensos"');

  let ministry: { id: string; name: string; created: boolean };
  const [found] = await manager.query(`SELECT id, name FROM organisations WHERE kind = 'MINISTRY' ORDER BY created_at, id LIMIT 1`);
  if (found) {
    ministry = { ...found, created: false };
  } else {
    const [row] = await manager.query(
      `INSERT INTO organisations (name, kind, tier, jurisdiction_region_code) VALUES ($1, 'MINISTRY', 'NATIONAL', NULL) RETURNING id, name`,
      [MINISTRY_NAME],
    );
    ministry = { ...row, created: true };
  }

  const existing: { clientId: string; name: string }[] = await manager.query(
    `SELECT client_id AS "clientId", name FROM api_clients WHERE administrator AND disabled_at IS NULL ORDER BY created_at, client_id`,
  );
  if (existing.length > 0 && !request.another) return { ministry, created: null, existing };

  const clientId = await freeClientId(manager, `admin-${slug(name)}`);
  const [client] = await manager.query(
    `INSERT INTO api_clients (client_id, organisation_id, name, administrator) VALUES ($1, $2, $3, true) RETURNING id`,
    [clientId, ministry.id, name],
  );
  await manager.query(
    `INSERT INTO api_client_secrets (api_client_id, secret_hash, hint) VALUES ($1, $2, $3)`,
    [client.id, secret.hash, secret.secret.slice(0, 8)],
  );
  return { ministry, created: { clientId, name, secret: secret.secret }, existing };
}

/** `admin-pusdatin-kemensos`: lower-case letters, digits and dashes, as client_id allows (3–64). */
function slug(name: string): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return base.slice(0, 48).replace(/-+$/, '') || 'ministry';
}

/** The candidate, or the candidate with -2, -3 … when taken. */
async function freeClientId(manager: EntityManager, candidate: string): Promise<string> {
  const taken = new Set<string>((await manager.query(
    `SELECT client_id FROM api_clients WHERE client_id = $1 OR client_id LIKE $1 || '-%'`, [candidate],
  )).map((r: { client_id: string }) => r.client_id));
  if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n += 1) if (!taken.has(`${candidate}-${n}`)) return `${candidate}-${n}`;
}
