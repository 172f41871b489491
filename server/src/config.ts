import path from 'node:path';
import { z } from 'zod';
import { StartupError } from './common/startup-error';

/**
 * The server's configuration, read once from the environment and validated.
 * A bad value stops the server at start with a line that names the variable.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .url()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  REDIS_URL: z
    .string()
    .url()
    .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the demo organisations and data when the database is empty. Defaults to on with the embedded database. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
});

export interface Config {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  production: boolean;
  env: 'development' | 'production' | 'test';
  redisUrl?: string;
  logLevel: string;
  seedDemo: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    // Never echo the value: a DATABASE_URL or REDIS_URL may carry a password.
    throw new StartupError(`configuration: ${variable} is invalid: ${issue.message}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  const seedDemo = production ? false : c.SEED_DEMO ? c.SEED_DEMO === 'true' : !c.DATABASE_URL;
  if (production && c.SEED_DEMO === 'true') {
    throw new StartupError('configuration: SEED_DEMO=true is refused with NODE_ENV=production (demo clients have public secrets)');
  }
  return {
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    production,
    env: c.NODE_ENV,
    redisUrl: c.REDIS_URL,
    logLevel: c.LOG_LEVEL,
    seedDemo,
  };
}
