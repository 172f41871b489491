import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import cors from 'cors';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createReadRouting, readYourWritesPlugin } from '../database/read-routing';
import { compiledExecution } from '../graphql/compiled-execution';
import { knownOperationTypesRule } from '../graphql/known-operation-types';
import { createRequestContext, RequestContext } from '../graphql/context';
import { Logger, scrubPersonalNumbers } from '../logger';
import { createMetrics, metricsRouter } from '../metrics';
import { authenticate } from '../auth/authenticate';
import { flushPersonalDataReads } from '../auth/personal-data-log';
import { oauthRouter } from '../auth/oauth.router';
import { SigningKeyRing } from '../auth/signing-keys';
import { createTokenThrottle, TOKEN_FAILURE_LIMITS } from '../auth/token-throttle';
import { TokenService } from '../auth/token.service';
import type { TrustedProxies } from '../config';
import { evidenceRouter, requestOrigin } from '../evidence/evidence.router';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage';
import { temporaryEvidenceStorage } from '../evidence/storage/create-storage';
import { cancelWhenAbandoned, CLIENT_CLOSED_REQUEST, closedBeforeAnswer, isCancelledForAbandonment } from './abandoned-requests';
import { graphiqlRouter } from './graphiql';
import { openDataRouter } from '../open-data/open-data.router';
import { queryLimitsPlugin } from './limits/query-limits.plugin';
import { DOCUMENT_PARSE_OPTIONS, documentLimitsPlugin, documentLimitsRule } from './limits/document-limits';
import { envelopeErrorsPlugin } from './envelope-errors.plugin';
import { rateLimitPlugin } from './limits/rate-limit.plugin';
import { PUBLIC_RATE_LIMITED_OPERATIONS } from './limits/public-operations';
import { createLoadShedding } from './limits/load-shedding';
import { createRateLimiter } from './limits/rate-limit';
import { databaseUnavailablePlugin, isDatabaseUnavailable, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE, serviceUnavailable } from './database-unavailable';
import { localeFrom } from './locale';
import { currentLocale, keepRequestLocale, localisedMessage, sayTo } from './error-words';
import { say, words } from '../words';
import { withWords } from '../graphql/errors';
import { nulCharacterPlugin } from './nul-character.plugin';
import { requestIdFrom } from './request-id';
import { addressKey } from './client-address';
import { minutesRouter } from '../deliberations/minutes.router';
import { notFound, securityHeaders } from './http-hygiene';
import { landingPage } from './landing-page';
import { apiReferenceRouter, DOCS_PATH, siteDirectory } from '../api-reference';
import { schemaSuggestionsHiddenPlugin } from './schema-suggestions.plugin';

export interface AppOptions {
  /** The served schema (with its permission layer): buildServedSchema(). */
  schema: GraphQLSchema;
  dataSource: DataSource;
  logger: Logger;
  production: boolean;
  /** Whether the database is migrated to what this build expects (for /readyz). */
  isMigrated: () => Promise<boolean>;
  /** Shared rate-limit buckets across processes; in memory without it. */
  redisUrl?: string;
  /** Overrides of the rate budgets and of the token endpoint's failure budgets (tests use small ones, or large). */
  rateLimits?: { clientPerMinute?: number; publicPerMinute?: number; tokenFailuresPerAddress?: number; tokenFailuresPerClientAtAddress?: number };
  /** TRUSTED_PROXIES: the proxies whose X-Forwarded-For names the caller; none by default (config.ts). */
  trustedProxies?: TrustedProxies;
  /** GraphQL requests worked on at once before the rest are refused with 429 (limits/load-shedding.ts). */
  maxRequestsInFlight?: number;
  /** The clock tokens are checked against (tests move it). */
  now?: () => number;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for (metrics/metrics.router.ts says who may read it without one). */
  metricsToken?: string;
  /** A streaming read replica of the database (DATABASE_REPLICA_URL): read-only queries go there (database/read-routing.ts). */
  replica?: DataSource;
  /** Where evidence files are stored (DATA_DIR or S3, from the configuration); without it, a temporary folder removed at stop. */
  evidenceStorage?: EvidenceStorage;
  /** true: operations executed by graphql-js field by field rather than compiled (graphql/compiled-execution.ts) — for measuring what compiling saves. */
  interpretedExecution?: boolean;
  /** false: DataLoader batching and caching off, one statement per load — only for the benchmark's "DataLoader off" contender. */
  batchLoaders?: boolean;
  /**
   * The demo clients the IDE offers a token for (their secrets are public: README, "Demo clients"): the ones seeded
   * in this database, outside production only. Ignored in production, where there is no IDE.
   */
  demoClientIds?: readonly string[];
}

export interface AduanServer {
  httpServer: http.Server;
  tokens: TokenService;
  keys: SigningKeyRing;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, drains in-flight requests, then resolves. The caller closes the database after. */
  stop(): Promise<void>;
}

const BODY_LIMIT = '1mb';
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables';

/**
 * Browsers on any origin may call /graphql (a village website's tracking
 * widget, a district portal's own front end): the API authenticates with bearer
 * tokens only, never cookies, so there are no ambient credentials for another
 * origin to ride on, and CSRF prevention still holds for simple requests.
 * /oauth/token deliberately gets no CORS: a client secret must never live in a
 * browser, so a page on another origin cannot obtain a token (docs/adr/0011-cors.md).
 */
const graphqlCors = cors({
  origin: '*',
  credentials: false,
  methods: ['GET', 'POST'],
  allowedHeaders: ['content-type', 'authorization', 'accept-language', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
  exposedHeaders: ['x-request-id', 'retry-after'],
  maxAge: 600,
});


export async function createServer(options: AppOptions): Promise<AduanServer> {
  const { schema, dataSource, logger, production } = options;
  const app = express();
  app.disable('x-powered-by');
  // No ETag: answers are POSTed and per caller, never revalidated; hashing every body (37 KB for an inbox page) buys nothing.
  app.set('etag', false);
  // The caller's address (per-address limits) is the socket's, unless it is a proxy the operator named
  // (TRUSTED_PROXIES): trusting anyone else's X-Forwarded-For lets every request choose its own address.
  app.set('trust proxy', options.trustedProxies ?? false);
  const httpServer = http.createServer(app);
  // Idle keep-alive connections are kept longer than clients and load balancers keep theirs (60 s is the usual
  // idle timeout): a server that closes first races the client's next request on that socket, which then fails
  // with ECONNRESET (Node's default is 5 s; seen in a test run under load). Headers must finish within it.
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const keys = new SigningKeyRing(dataSource, options.now);
  const tokens = new TokenService(dataSource, keys, options.now);
  const { tokenFailuresPerAddress, tokenFailuresPerClientAtAddress, ...budgets } = options.rateLimits ?? {};
  const rateLimiter = createRateLimiter({
    redisUrl: options.redisUrl,
    ...budgets,
    onRedisError: (error) => logger.warn({ err: { message: error.message } }, 'redis unavailable: rate limits counted in this process'),
  });
  const tokenThrottle = createTokenThrottle(rateLimiter, {
    perAddress: tokenFailuresPerAddress ?? TOKEN_FAILURE_LIMITS.perAddress,
    perClientAtAddress: tokenFailuresPerClientAtAddress ?? TOKEN_FAILURE_LIMITS.perClientAtAddress,
  });
  const execution = options.interpretedExecution ? undefined : compiledExecution(schema);
  const metrics = createMetrics({ dataSource, replica: options.replica, logger, compiledOperations: execution?.stats });
  const routingRedis = options.replica && options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 }) : undefined;
  routingRedis?.on('error', () => undefined); // a Redis outage only costs replica reads: the routing falls back to the primary
  const loadShedding = createLoadShedding(options.maxRequestsInFlight);
  const readRouting = createReadRouting({ primary: dataSource, replica: options.replica, redis: routingRedis, logger });

  const apollo = new ApolloServer<RequestContext>({
    ...(execution ? { gateway: execution } : { schema }),
    introspection: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Documents too large are refused before they cost parsing and validation (limits/document-limits.ts).
    parseOptions: DOCUMENT_PARSE_OPTIONS,
    validationRules: [documentLimitsRule, knownOperationTypesRule],
    // Compact JSON: Apollo's default indents every response, which costs CPU and bytes on every page (docs/benchmarks.md).
    stringifyResult: (result) => JSON.stringify(result),
    formatError: maskInternalErrors,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Answers are per caller and never cached; the default cache-control plugin wraps every field's resolver to compute hints nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      requestLoggingPlugin(logger, metrics.operationOf, metrics.countError),
      metrics.plugin,
      databaseUnavailablePlugin(),
      readYourWritesPlugin(() => readRouting, logger),
      queryLimitsPlugin(),
      documentLimitsPlugin(),
      envelopeErrorsPlugin(),
      nulCharacterPlugin(),
      ...(production ? [schemaSuggestionsHiddenPlugin()] : []),
      rateLimitPlugin(rateLimiter, { publicOperations: PUBLIC_RATE_LIMITED_OPERATIONS, ipOf: (ctx) => addressKey(ctx.ip) }),
    ],
  });
  await apollo.start();

  app.use(securityHeaders);
  // One JSON log line per request, with its id; the id is echoed to the caller.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const logLine = (status: number) => {
      const context = res.locals.graphqlContext as RequestContext | undefined;
      const { operation, type, operationName } = metrics.operationOf(context);
      // The log schema (every field, and what never appears) is in docs/operations.md, "Logs".
      logger.info({
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0], // never the query string: a GET query may carry personal data
        status,
        operationName,
        ...(context ? { operation, operationType: type } : {}),
        clientId: context?.principal.kind === 'client' ? context.principal.clientId : undefined,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      }, 'request');
    };
    res.on('finish', () => logLine(res.statusCode));
    // The caller closed the connection before the answer was sent: no 'finish'. One line still, with 499.
    res.on('close', () => {
      if (closedBeforeAnswer(res)) logLine(CLIENT_CLOSED_REQUEST);
    });
    next();
  });
  app.use(metrics.observeRequests);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const checks = { database: false, migrations: false };
    try {
      await dataSource.query('SELECT 1');
      checks.database = true;
      checks.migrations = await options.isMigrated();
    } catch {
      // reported below as not ready
    }
    const ready = checks.database && checks.migrations;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });

  app.use(metricsRouter(metrics, { token: options.metricsToken, production }, logger));

  // Before the IDE's router: it serves GET /graphql to browsers, and Express
  // would answer a preflight for that path itself, without CORS headers.
  app.use('/graphql', graphqlCors);
  app.use(oauthRouter(tokens, keys, tokenThrottle));
  // Evidence uploads (PUT, streamed, capped at the declared size) and downloads: outside /graphql, no body parser (docs/adr/0010-evidence.md).
  const evidence = options.evidenceStorage ? { storage: options.evidenceStorage, dispose: async () => undefined } : await temporaryEvidenceStorage();
  app.use(evidenceRouter({
    dataSource, storage: evidence.storage, tokens, logger, now: () => new Date(options.now?.() ?? Date.now()),
    // An attached file is a write: the uploader's next queries read it back, not a replica that has not caught up.
    noteWrite: (principal) => readRouting.noteWrite(principal),
  }));
  // The open data files the scheduled job built: static downloads, never computed per request (docs/adr/0037-open-data.md).
  app.use(openDataRouter(dataSource));
  // Village deliberations' signed minutes, public: streamed from the same store, limited per address (docs/adr/0038).
  app.use(minutesRouter({ dataSource, storage: evidence.storage, limiter: rateLimiter, ipOf: (req) => addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown') }));
  if (!production) app.use(graphiqlRouter({ endpoint: '/graphql', demoClientIds: options.demoClientIds ?? [] }));
  // The API reference (api-reference/): committed with the code, so present in every checkout; without it (a
  // deployment that copied only dist/), the landing page says it is coming rather than the server refusing to start.
  const docsDirectory = siteDirectory();
  const docs = existsSync(path.join(docsDirectory, 'index.html'));
  if (docs) app.use(apiReferenceRouter(docsDirectory));
  else logger.warn({ directory: docsDirectory }, 'API reference missing (npm run docs:api): /docs not served');
  app.get('/', landingPage({ endpoint: '/graphql', ide: !production, docsPath: docs ? `${DOCS_PATH}/` : undefined }));

  app.use(
    '/graphql',
    loadShedding.middleware,
    express.json({ limit: BODY_LIMIT }),
    cancelWhenAbandoned(logger),
    keepRequestLocale,
    expressMiddleware(apollo, {
      context: withContextFailuresAnswered(logger, async ({ req, res }) => {
        const principal = await authenticate(tokens, req.headers.authorization).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? serviceUnavailable() : error;
        });
        const context = createRequestContext({
          requestId: res.locals.requestId,
          principal,
          ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          origin: requestOrigin(req),
          locale: localeFrom(req.headers['accept-language']),
          dataSource: await readRouting.sourceFor(req.method === 'GET' ? req.query : req.body ?? {}, principal),
          primary: dataSource,
          logger: logger.child({ requestId: res.locals.requestId }),
          now: options.now ? () => new Date(options.now!()) : undefined,
          batchLoaders: options.batchLoaders,
          signal: res.locals.abandoned as AbortSignal,
        });
        res.locals.graphqlContext = context; // read by the request log line
        return context;
      }),
    }),
  );

  app.use(notFound);

  // Body-parser failures (too large, malformed JSON) and anything else thrown
  // outside GraphQL: a GraphQL-shaped error, never a stack or an HTML page.
  app.use((error: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (isDatabaseUnavailable(error)) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      metrics.countError(SERVICE_UNAVAILABLE);
      res.status(503).json({ errors: [{ message: sayTo(_req, 'request.databaseUnavailable'), extensions: { code: SERVICE_UNAVAILABLE, requestId: res.locals.requestId } }] });
      return;
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error.type === 'entity.too.large' ? sayTo(_req, 'request.bodyTooLarge', { limit: BODY_LIMIT })
      : error.type === 'entity.parse.failed' ? sayTo(_req, 'request.bodyNotJson')
      : status < 500 ? sayTo(_req, 'request.badRequest', { detail: error.message })
      : sayTo(_req, 'request.internalError');
    const code = error.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    if (status >= 500) logger.error({ requestId: res.locals.requestId, err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    metrics.countError(code);
    res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
  });

  return {
    httpServer,
    tokens,
    keys,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      }),
    stop: async () => {
      await apollo.stop();
      await rateLimiter.close();
      await readRouting.close();
      routingRedis?.disconnect();
      await evidence.dispose();
    },
  };
}

/** An unexpected failure already logged under its request id: answered with these and nothing more. */
class InternalServerError extends GraphQLError {
  constructor(requestId: string) {
    const message = words('request.internalError');
    super(message.en, { extensions: { code: 'INTERNAL_SERVER_ERROR', requestId, http: { status: 500 } } });
    withWords(this, message);
  }
}

/**
 * Apollo answers a request whose context failed at once, past the plugins
 * that log errors and add request ids (metrics counts it, in
 * contextCreationDidFail), so that is done here: the caller gets its error's
 * code (UNAUTHENTICATED with its 401, SERVICE_UNAVAILABLE with its 503) and the
 * request id, or for anything unexpected "Internal server error." and the
 * request id, and the log the rest.
 */
function withContextFailuresAnswered<A extends { res: Response }>(logger: Logger, build: (args: A) => Promise<RequestContext>): (args: A) => Promise<RequestContext> {
  return (args) => build(args).catch((error: unknown) => {
    const requestId: string = args.res.locals.requestId;
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') {
      throw new GraphQLError(localisedMessage({ message: error.message, extensions: error.extensions }, error), { extensions: { ...error.extensions, requestId } });
    }
    if (isDatabaseUnavailable(error)) throw new GraphQLError(say(currentLocale(), 'request.databaseUnavailable'), { extensions: { ...serviceUnavailable().extensions, requestId } });
    const err = error as Error;
    logger.error({ requestId, err: { name: err?.name, message: err?.message, stack: err?.stack } }, 'unhandled error');
    throw new InternalServerError(requestId);
  });
}

/**
 * No stack, SQL or internals in what a client sees: an unexpected error becomes
 * "Internal server error" with the request id (added by the logging plugin) to
 * find the full story in the logs. The original error rides along for that
 * log line in a property JSON never writes (not enumerable): Apollo formats
 * errors on paths where the logging plugin never runs (a failed context, a
 * failing plugin), and an answer must hold nothing internal on any of them.
 */
function maskInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // logged already; its extensions are the code and request id
  if (error instanceof InternalServerError) return { ...formatted, message: localisedMessage(formatted, error) };
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    // graphql-js quotes refused variable values in its messages: never a NIK or phone number back in an error.
    return { ...formatted, message: scrubPersonalNumbers(localisedMessage(formatted, error)) as string, extensions };
  }
  if (error instanceof GraphQLError && !error.originalError && error.message.startsWith(TOO_MANY_VARIABLE_ERRORS)) {
    // graphql-js stops coercing variables after 50 errors and says so in an error of its own, without a code.
    return { message: say(currentLocale(), 'request.badUserInput', { detail: formatted.message }), extensions: { code: 'BAD_USER_INPUT' } };
  }
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  if (isDatabaseUnavailable(error)) {
    // Not a bug to hide but a moment to wait out: the plugin turns the answer into a 503 with Retry-After.
    return { message: say(currentLocale(), 'request.databaseUnavailable'), locations: formatted.locations, path: formatted.path, extensions: withInternal({ code: SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS }, original) };
  }
  return {
    message: say(currentLocale(), 'request.internalError'),
    locations: formatted.locations,
    path: formatted.path,
    extensions: withInternal({ code: 'INTERNAL_SERVER_ERROR' }, original),
  };
}

function withInternal(extensions: Record<string, unknown>, original: unknown): Record<string, unknown> {
  if (original instanceof Error) Object.defineProperty(extensions, 'internal', { value: original, enumerable: false, configurable: true });
  return extensions;
}

function requestLoggingPlugin(logger: Logger, operationOf: (ctx: RequestContext) => { operation: string }, countError: (code: string) => void): ApolloServerPlugin<RequestContext> {
  return {
    /**
     * A failure outside what Apollo turns into an answer (a plugin's hook threw): Apollo would log it as free
     * text and answer an error of its own, without the request id. Throwing here replaces that error (Apollo
     * awaits these hooks first); it is logged like any other and answered by maskInternalErrors as it is.
     */
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const requestId = requestContext.contextValue.requestId;
      logger.error({ requestId, err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
      countError('INTERNAL_SERVER_ERROR');
      throw new InternalServerError(requestId);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, contextValue }) {
          contextValue.operationName = operationName ?? undefined;
        },
        async willSendResponse({ response, contextValue: ctx }) {
          if (response.body.kind !== 'single') return;
          if (ctx.signal?.aborted) {
            // The caller left (docs/adr/0017): nothing is delivered, so no full NIK or phone was read and
            // there is no access to log. Its statements failed because they were cancelled: expected, not bugs
            // (the metrics plugin, after this one, tells them apart by `internal` too).
            for (const error of response.body.singleResult.errors ?? []) {
              const internal = error.extensions?.internal as Error | undefined;
              if (internal && !isCancelledForAbandonment(internal)) {
                logger.error({ requestId: ctx.requestId, operation: operationOf(ctx).operation, err: { name: internal.name, message: internal.message, stack: internal.stack } }, 'resolver error');
              }
            }
            return;
          }
          try {
            await flushPersonalDataReads(ctx);
          } catch (error) {
            if (ctx.signal?.aborted) return; // the caller left while the access was being logged: nothing is delivered
            // No full NIK or phone leaves unlogged: the answer is withheld instead.
            logger.error({ requestId: ctx.requestId, err: { message: (error as Error).message } }, 'personal-data access log write failed');
            if (isDatabaseUnavailable(error)) {
              // The database went away while answering: a retry (with its idempotency key, for a mutation) is the remedy.
              response.http.status = 503;
              response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
              response.body.singleResult = { errors: [{ message: say(ctx.locale, 'request.databaseUnavailable'), extensions: { code: SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS } }] };
            } else {
              response.http.status = 500;
              response.body.singleResult = { errors: [{ message: say(ctx.locale, 'request.internalError'), extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
            }
          }
          for (const error of response.body.singleResult.errors ?? []) {
            const extensions = (error.extensions ?? {}) as Record<string, unknown>;
            const internal = extensions.internal as Error | undefined;
            if (internal) {
              logger.error({ requestId: ctx.requestId, operation: operationOf(ctx).operation, err: { name: internal.name, message: internal.message, stack: internal.stack } }, 'resolver error');
              delete extensions.internal;
            }
            (error as { extensions?: Record<string, unknown> }).extensions = { ...extensions, requestId: ctx.requestId };
          }
        },
      };
    },
  };
}
