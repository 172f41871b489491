import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults: port 4000, embedded database under ./.data, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, dataDir: path.resolve('./.data'), production: false, seedDemo: true });
  });

  it('no demo data with a DATABASE_URL unless asked, and never in production', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO=true is refused/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT is invalid/],
    [{ PORT: '70000' }, /PORT is invalid/],
    [{ DATABASE_URL: 'mysql://h/db' }, /DATABASE_URL is invalid: must start with postgres/],
    [{ REDIS_URL: 'http://h' }, /REDIS_URL is invalid/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV is invalid/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('never echoes a value that may carry a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@h/db' })).toThrow(/^(?!.*hunter2)/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 4000, databaseUrl: undefined });
  });
});
