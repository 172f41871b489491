import { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../graphql/context';
import { ERROR_CODES } from '../graphql/error-codes';
import { UserErrorCode } from '../graphql/user-error';
import { CLIENT_CLOSED_REQUEST, closedBeforeAnswer } from '../http/abandoned-requests';
import type { Logger } from '../logger';
import { NO_OPERATION, OperationLabel, operationLabel, UNRESOLVED } from './operation-label';
import { slaBreachesTotal } from './sla.metrics';
import { WEBHOOK_METRICS } from './webhook.metrics';

/**
 * The server's Prometheus metrics (docs/operations.md, "Metrics"). Every label
 * comes from a fixed set — routes, root fields of the schema, error codes,
 * tiers — never from what a caller typed, and never a client id, tracking
 * code, NIK or any other value about a person.
 */
export interface ServerMetrics {
  registry: Registry;
  /** Express middleware: counts and times every HTTP request when its response is finished. */
  observeRequests: RequestHandler;
  /** Apollo plugin: names the operation, counts errors and user errors by code. */
  plugin: ApolloServerPlugin<RequestContext>;
  /** For errors answered outside Apollo (body too large, not JSON, unhandled). */
  countError(code: string): void;
  /** The bounded name of a request's operation (and the client's own name for it, for the log line). */
  operationOf(context: RequestContext | undefined): NamedOperation;
}

/** Paths served; anything else (404s, scanners) is `other`, so random URLs cannot grow the label set. */
const ROUTES = new Set(['/graphql', '/oauth/token', '/healthz', '/readyz', '/metrics', '/.well-known/jwks.json']);
const METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/** `extensions.code` values the server emits, described in graphql/error-codes.ts. */
export { ERROR_CODES };
const USER_ERROR_CODES = new Set<string>(Object.values(UserErrorCode));

/** Up to the statement timeout (15 s): a request slower than that failed anyway. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

/**
 * How long a scrape waits for the job queue's depth. The query takes a few ms;
 * past this the database is in trouble (a connection cannot be had or made),
 * and the rest of the metrics must not wait the pool's 5 s connect timeout.
 */
const JOB_QUEUE_DEPTH_DEADLINE_MS = 1_000;

/** The promise's value, or undefined if it has not settled within `ms` (its rejection is thrown). */
async function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => { timer = setTimeout(resolve, ms, undefined); });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** At most this many task names in the job queue gauge; the tasks are ours, so this is a guard, not a limit in use. */
const MAX_JOB_TASK_LABELS = 20;

export function createMetrics(options: {
  dataSource: DataSource;
  replica?: DataSource;
  logger: Logger;
  /** The compiled-operation cache's contents (graphql/compiled-execution.ts), when operations are compiled. */
  compiledOperations?: () => { operations: number; estimatedBytes: number };
}): ServerMetrics {
  const { dataSource, logger } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(slaBreachesTotal);
  for (const metric of WEBHOOK_METRICS as Metric[]) registry.registerMetric(metric);

  const httpRequests = new Counter({
    name: 'aduan_http_requests_total',
    help: 'HTTP requests answered, by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'aduan_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its response, by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const graphqlRequests = new Counter({
    name: 'aduan_graphql_requests_total',
    help: 'GraphQL requests, by operation (the root field called; _multiple, _introspection, or _none when none was resolved), operation type and HTTP status.',
    labelNames: ['operation', 'type', 'status'] as const,
    registers: [registry],
  });
  const graphqlDuration = new Histogram({
    name: 'aduan_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation and operation type.',
    labelNames: ['operation', 'type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'aduan_errors_total',
    help: 'Top-level errors answered, by extensions.code and operation (_none: refused before an operation was resolved).',
    labelNames: ['code', 'operation'] as const,
    registers: [registry],
  });
  const userErrors = new Counter({
    name: 'aduan_user_errors_total',
    help: 'userErrors returned by mutations, by UserErrorCode and operation (counted when the client selects userErrors { code }).',
    labelNames: ['code', 'operation'] as const,
    registers: [registry],
  });

  const pools: [string, DataSource][] = [['primary', dataSource], ...(options.replica ? [['replica', options.replica] as [string, DataSource]] : [])];
  const poolStats = (source: DataSource) => (source.driver as unknown as { master?: PgPoolStats }).master;
  new Gauge({
    name: 'aduan_db_pool_connections',
    help: "Connections in the server's PostgreSQL pools, by pool (primary, replica) and state (in_use, idle).",
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [pool, source] of pools) {
        const stats = poolStats(source);
        this.set({ pool, state: 'in_use' }, stats ? stats.totalCount - stats.idleCount : 0);
        this.set({ pool, state: 'idle' }, stats?.idleCount ?? 0);
      }
    },
  });
  new Gauge({
    name: 'aduan_db_pool_max_connections',
    help: "The size limit of the server's PostgreSQL pools, by pool.",
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      for (const [pool, source] of pools) this.set({ pool }, poolStats(source)?.options?.max ?? 0);
    },
  });
  new Gauge({
    name: 'aduan_db_pool_waiting_requests',
    help: 'Queries waiting for a free pool connection, by pool; above 0 for long means the pool is too small or queries too slow.',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      for (const [pool, source] of pools) this.set({ pool }, poolStats(source)?.waitingCount ?? 0);
    },
  });
  const compiledOperations = options.compiledOperations;
  if (compiledOperations) {
    new Gauge({
      name: 'aduan_compiled_operations',
      help: 'Operations kept compiled in this process (graphql-jit), the least recently used dropped first.',
      registers: [registry],
      collect() {
        this.set(compiledOperations().operations);
      },
    });
    new Gauge({
      name: 'aduan_compiled_operations_estimated_bytes',
      help: 'The heap the compiled operations are estimated to keep (so much per selected field and per operation); never above the budget (graphql/compiled-execution.ts).',
      registers: [registry],
      collect() {
        this.set(compiledOperations().estimatedBytes);
      },
    });
  }
  new Gauge({
    name: 'aduan_job_queue_jobs',
    help: 'Jobs in the graphile-worker queue, by task and state (ready: due and waiting for a worker; scheduled: due later or waiting to retry; running: locked by a worker; failed: out of attempts).',
    labelNames: ['task', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // A scrape must not wait for the database when the database is the trouble: the pool
      // full (its waiting-requests gauge is what the operator needs to see) or PostgreSQL
      // gone. The queue depth is then left out of this scrape, never the whole answer.
      const pool = poolStats(dataSource);
      if (pool && pool.idleCount === 0 && pool.totalCount >= (pool.options?.max ?? Infinity)) {
        logger.warn({ component: 'metrics' }, 'job queue depth not counted: every database connection is busy');
        return;
      }
      try {
        const depth = jobQueueDepth(dataSource);
        const rows = await withinDeadline(depth, JOB_QUEUE_DEPTH_DEADLINE_MS);
        if (!rows) {
          depth.catch(() => undefined); // it fails or ends on its own; nobody waits for it
          logger.warn({ component: 'metrics', deadlineMs: JOB_QUEUE_DEPTH_DEADLINE_MS }, 'job queue depth not counted: the database did not answer in time');
          return;
        }
        for (const row of rows) this.set({ task: row.task, state: row.state }, row.jobs);
      } catch (error) {
        // No graphile_worker schema yet (the runner creates it at its first start): no jobs to count.
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
        if (code !== '42P01' && code !== '3F000') logger.warn({ component: 'metrics', err: { message: (error as Error).message } }, 'job queue depth unavailable');
      }
    },
  });

  // Apollo runs each operation on a shallow copy of the context the HTTP layer
  // made, so the copy is no key for the HTTP layer to look up; the per-request
  // loaders object is one both share.
  const labels = new WeakMap<object, NamedOperation>();
  const operationOf = (context: RequestContext | undefined): NamedOperation => (context && labels.get(context.loaders)) ?? UNRESOLVED;
  const countError = (code: unknown, operation = NO_OPERATION) => {
    errors.inc({ code: typeof code === 'string' && ERROR_CODES.has(code) ? code : 'OTHER', operation });
  };

  const observeRequests: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const observe = (status: string) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req.originalUrl);
      httpRequests.inc({ route, method: METHODS.has(req.method) ? req.method : 'other', status });
      httpDuration.observe({ route }, seconds);
      if (route !== '/graphql' || req.method === 'OPTIONS') return;
      const { operation, type } = operationOf(res.locals.graphqlContext as RequestContext | undefined);
      graphqlRequests.inc({ operation, type, status });
      graphqlDuration.observe({ operation, type }, seconds);
    };
    res.on('finish', () => observe(String(res.statusCode)));
    // The caller closed the connection before the answer was sent (docs/adr/0017): counted as 499, the request log's status for it.
    res.on('close', () => {
      if (closedBeforeAnswer(res)) observe(String(CLIENT_CLOSED_REQUEST));
    });
    next();
  };

  const plugin: ApolloServerPlugin<RequestContext> = {
    async invalidRequestWasReceived({ error }) {
      countError(error instanceof GraphQLError ? error.extensions.code : 'BAD_REQUEST');
    },
    async contextCreationDidFail({ error }) {
      countError(error instanceof GraphQLError ? error.extensions.code : 'INTERNAL_SERVER_ERROR');
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, operationName, contextValue }) {
          labels.set(contextValue.loaders, { ...operationLabel(schema, document, operation), operationName: operationName ?? undefined });
        },
        async willSendResponse({ response, contextValue }) {
          // An abandoned request answers nothing: its errors (its statements cancelled) are not errors answered.
          if (response.body.kind !== 'single' || contextValue.signal?.aborted) return;
          const { operation } = operationOf(contextValue);
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) countError(error.extensions?.code, operation);
          for (const code of userErrorCodes(result.data)) userErrors.inc({ code: USER_ERROR_CODES.has(code) ? code : 'OTHER', operation });
        },
      };
    },
  };

  return { registry, observeRequests, plugin, countError: (code) => countError(code), operationOf };
}

export interface NamedOperation extends OperationLabel {
  /** The operation name the client chose: free text, for logs only, never a metric label. */
  operationName?: string;
}

interface PgPoolStats { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } }

function routeOf(url: string): string {
  let path = url.split('?')[0];
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (ROUTES.has(path)) return path;
  if (path.startsWith('/graphiql/')) return '/graphiql/*';
  // Evidence uploads and downloads (evidence/signed-urls.ts): one label each, never the id in the path.
  if (/^\/evidence\/uploads\/[^/]+$/.test(path)) return '/evidence/uploads/:uploadId';
  if (/^\/evidence\/files\/[^/]+$/.test(path)) return '/evidence/files/:evidenceId';
  return 'other';
}

/** The codes of the `userErrors` of each payload in the response (per-item results, such as a bank report's, are not counted). */
function userErrorCodes(data: Record<string, unknown> | null | undefined): string[] {
  const codes: string[] = [];
  for (const payload of Object.values(data ?? {})) {
    if (!payload || typeof payload !== 'object') continue;
    for (const error of asArray((payload as Record<string, unknown>).userErrors)) {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string') codes.push(code);
    }
  }
  return codes;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

async function jobQueueDepth(dataSource: DataSource): Promise<{ task: string; state: string; jobs: number }[]> {
  return dataSource.query(
    `WITH counted AS (
       SELECT task_identifier AS task,
              CASE WHEN locked_at IS NOT NULL THEN 'running'
                   WHEN attempts >= max_attempts THEN 'failed'
                   WHEN run_at > now() THEN 'scheduled'
                   ELSE 'ready' END AS state,
              count(*)::int AS jobs
         FROM graphile_worker.jobs GROUP BY 1, 2),
     tasks AS (SELECT task FROM counted GROUP BY task ORDER BY sum(jobs) DESC, task LIMIT ${MAX_JOB_TASK_LABELS})
     SELECT CASE WHEN t.task IS NULL THEN 'other' ELSE c.task END AS task, c.state, sum(c.jobs)::int AS jobs
       FROM counted c LEFT JOIN tasks t ON t.task = c.task GROUP BY 1, 2`,
  );
}
