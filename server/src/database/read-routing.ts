import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, parse } from 'graphql';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { RequestContext } from '../graphql/context';
import type { Logger } from '../logger';

/**
 * Read-only GraphQL queries go to a streaming read replica when one is
 * configured (DATABASE_REPLICA_URL); mutations, and everything a mutation reads
 * back, stay on the primary (docs/adr/0013-read-replica.md).
 *
 * A replica lags the primary by a moment. Two rules keep that invisible where
 * it matters:
 * - **Read your own writes**: after a client's mutation, its write position
 *   (the primary's WAL LSN) is remembered; the client's next queries go to the
 *   primary until the replica has replayed past that position. The position is
 *   kept in Redis when REDIS_URL is set, so it holds across server processes.
 * - **A miss may be lag**: services that look something up by a key a person
 *   was just given (a tracking code) ask the primary when the replica has no
 *   such row (`RequestContext.primary`).
 * Other readers may see a change a moment late: an inbox page without the
 * complaint filed a second ago, as any replicated system does.
 *
 * When the replica is unreachable, reads fall back to the primary and the
 * replica is tried again after a pause.
 */
export interface ReadRouting {
  /** The data source a request's reads use: the replica for eligible queries, else the primary. */
  sourceFor(request: { query?: unknown; operationName?: unknown }, principal: Principal): Promise<DataSource>;
  /** Remembers a client's write position after its mutation. */
  noteWrite(principal: Principal): Promise<void>;
  close(): Promise<void>;
}

/** How long a write position is remembered: a replica further behind than this is broken, not lagging. */
const WRITE_MEMORY_SECONDS = 300;
/** After a replica error, the primary serves every read for this long before the replica is tried again. */
const REPLICA_RETRY_AFTER_MS = 5_000;
/** How often the replica is probed, so a replica that went away stops receiving reads within about this long. */
const REPLICA_PROBE_INTERVAL_MS = 1_000;
/** The probe's statement (tests tell it apart from requests' reads). */
export const REPLICA_PROBE_SQL = 'SELECT 1';

export function createReadRouting(options: { primary: DataSource; replica?: DataSource; redis?: Redis; logger: Logger }): ReadRouting {
  const { primary, replica, redis, logger } = options;
  if (!replica) {
    return { sourceFor: async () => primary, noteWrite: async () => undefined, close: async () => undefined };
  }
  const positions = redis ? redisPositions(redis) : memoryPositions();
  let replicaDownUntil = 0;

  const replicaFailed = (error: unknown) => {
    if (Date.now() >= replicaDownUntil) logger.warn({ err: { message: (error as Error).message } }, 'read replica unavailable: reads go to the primary');
    replicaDownUntil = Date.now() + REPLICA_RETRY_AFTER_MS;
  };
  // A request routed to a replica that has just gone away fails (503, safe to retry);
  // the probe keeps that window to about a second.
  let probing = false;
  const probe = setInterval(() => {
    if (probing) return;
    probing = true;
    replica.query(REPLICA_PROBE_SQL).catch(replicaFailed).finally(() => (probing = false));
  }, REPLICA_PROBE_INTERVAL_MS);
  probe.unref();

  return {
    async sourceFor(request, principal) {
      if (!isReadOnlyQuery(request) || Date.now() < replicaDownUntil) return primary;
      try {
        if (principal.kind !== 'client') return replica;
        const written = await positions.get(principal.apiClientId);
        if (!written) return replica;
        const [{ caught_up }] = await replica.query(`SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS caught_up`, [written]);
        if (!caught_up) return primary;
        await positions.forget(principal.apiClientId, written);
        return replica;
      } catch (error) {
        replicaFailed(error);
        return primary;
      }
    },
    async noteWrite(principal) {
      if (principal.kind !== 'client') return;
      // The insert position, not pg_current_wal_lsn() (the write position): with
      // synchronous_commit off, a commit record can still sit in WAL buffers past it.
      const [{ lsn }] = await primary.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
      await positions.remember(principal.apiClientId, lsn);
    },
    async close() {
      // The replica's data source itself belongs to whoever opened it (database/database.ts).
      clearInterval(probe);
    },
  };
}

/**
 * After a mutation answered with data, remembers the client's write position,
 * so its next queries read what it wrote. A failure here is logged, never
 * turned into an error: the mutation has committed.
 */
export function readYourWritesPlugin(routing: () => ReadRouting, logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single' || !response.body.singleResult.data) return;
          // The caller left before the answer (docs/adr/0017): it learns of its write by retrying with its idempotency
          // key, and that mutation's answer records the position.
          if (contextValue.signal?.aborted) return;
          await routing().noteWrite(contextValue.principal).catch((error: Error) => {
            logger.warn({ requestId: contextValue.requestId, err: { message: error.message } }, 'could not record the write position: this client may read from the replica a moment early');
          });
        },
      };
    },
  };
}

/** A query operation (not a mutation or subscription), decided from the request before Apollo runs it. */
export function isReadOnlyQuery(request: { query?: unknown; operationName?: unknown }): boolean {
  if (typeof request.query !== 'string') return false;
  try {
    const operation = getOperationAST(parse(request.query), typeof request.operationName === 'string' ? request.operationName : undefined);
    return operation?.operation === 'query';
  } catch {
    return false; // Apollo reports the syntax error; the primary answers whatever is left
  }
}

interface WritePositions {
  get(clientId: string): Promise<string | undefined>;
  remember(clientId: string, lsn: string): Promise<void>;
  /** Forgets the position once the replica has passed it, unless a newer write replaced it meanwhile. */
  forget(clientId: string, lsn: string): Promise<void>;
}

function memoryPositions(): WritePositions {
  const entries = new Map<string, { lsn: string; until: number }>();
  return {
    async get(clientId) {
      const entry = entries.get(clientId);
      if (!entry) return undefined;
      if (Date.now() > entry.until) {
        entries.delete(clientId);
        return undefined;
      }
      return entry.lsn;
    },
    async remember(clientId, lsn) {
      entries.set(clientId, { lsn, until: Date.now() + WRITE_MEMORY_SECONDS * 1000 });
    },
    async forget(clientId, lsn) {
      if (entries.get(clientId)?.lsn === lsn) entries.delete(clientId);
    },
  };
}

function redisPositions(redis: Redis): WritePositions {
  const key = (clientId: string) => `aduan:write-lsn:${clientId}`;
  return {
    async get(clientId) {
      return (await redis.get(key(clientId))) ?? undefined;
    },
    async remember(clientId, lsn) {
      await redis.set(key(clientId), lsn, 'EX', WRITE_MEMORY_SECONDS);
    },
    async forget(clientId, lsn) {
      // Delete only if unchanged: another process may have recorded a newer write.
      await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`, 1, key(clientId), lsn);
    },
  };
}
