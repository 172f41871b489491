import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../server/src/database/database-url';
import { randomBytes } from 'node:crypto';
import { BUILT_MAIN as MAIN, BuiltServer as Started, spawnBuiltServer as startServer, waitForListening } from '../support/built-server';

/**
 * The built server (`node dist/server/src/main.js`, what `npm start` runs),
 * started as a real process: the embedded database's first and second start,
 * graceful shutdown, and the one-line refusals of bad configuration.
 * `npm test` builds dist/ first.
 */
async function stopGracefully(server: Started): Promise<number | null> {
  server.process.kill('SIGTERM');
  return server.exited;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('npm start (the built server)', () => {
  beforeAll(() => {
    expect(existsSync(MAIN), 'dist/ is missing: run `npm run build` (npm test does it first)').toBe(true);
  });

  describe('with the embedded database', () => {
    let dataDir: string;
    beforeAll(() => {
      const parent = mkdtempSync(path.join(os.tmpdir(), 'aduan-start-'));
      chmodSync(parent, 0o755);
      dataDir = path.join(parent, 'data');
    });
    afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

    it('initialises, migrates, seeds the demo, serves reference data, and stops cleanly on SIGTERM', async () => {
      const server = startServer({ DATA_DIR: dataDir, PORT: '0' });
      const { port, startupMs } = await waitForListening(server);
      console.info(`first start (initdb + migrations + demo seed): ${startupMs} ms`);
      expect(server.stdout()).toContain('demo-ministry');
      expect(server.stdout()).toContain('demo data seeded');
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ programs { code } channels { code } regions { code } }' }),
      });
      const body = await response.json();
      expect(body.data.programs.length).toBeGreaterThanOrEqual(5);
      expect(body.data.regions).toHaveLength(38);
      expect(await stopGracefully(server)).toBe(0);
      expect(server.stdout()).toContain('"stopped"');
      // The first start's shutdown too (its job runners busy with the seeded data's first sweeps): nothing cut off.
      const shutdownLines = server.stdout().slice(server.stdout().indexOf('"shutting down: draining requests"')).split('\n').filter((l) => l.startsWith('{'));
      expect(shutdownLines.filter((l) => !l.includes('"level":"info"'))).toEqual([]);
      // One JSON object per line: the request log line has an id and a duration, and no query text.
      const requestLine = server.stdout().split('\n').find((l) => l.includes('"msg":"request"') && l.includes('/graphql'));
      expect(JSON.parse(requestLine!)).toMatchObject({ requestId: expect.any(String), status: 200, durationMs: expect.any(Number) });
    });

    it('reuses the data on a second start (no initdb, no migration, no second seed)', async () => {
      const server = startServer({ DATA_DIR: dataDir, PORT: '0' });
      const { startupMs } = await waitForListening(server);
      console.info(`second start: ${startupMs} ms`);
      expect(server.stdout()).not.toContain('migrations applied');
      expect(server.stdout()).not.toContain('demo data seeded');
      expect(await stopGracefully(server)).toBe(0);
    });

    it('starts without a warning of its own, and stops on Ctrl-C in order, with no error line and no PostgreSQL left', async () => {
      const server = startServer({ DATA_DIR: dataDir, PORT: '0' }, { ownGroup: true });
      const { port } = await waitForListening(server);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const lines = () => server.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; msg: string; component?: string });
      // The one warning a normal start may give is the calendar's (next year's days off not recorded yet: true from September on).
      expect(lines().filter((l) => l.level !== 'info' && l.component !== 'days-off')).toEqual([]);
      const postgresPid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(isRunning(postgresPid)).toBe(true);

      // Ctrl-C: the terminal signals the whole foreground process group, which the embedded PostgreSQL is not in.
      const sentAt = Date.now();
      process.kill(-server.process.pid!, 'SIGINT');
      const code = await Promise.race([server.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
      expect(code, server.gone()).toBe(0);
      console.info(`Ctrl-C to exit: ${Date.now() - sentAt} ms`);
      const after = lines().slice(lines().findIndex((l) => l.msg === 'shutting down: draining requests'));
      expect(after.map((l) => l.msg).at(-1)).toBe('stopped');
      // Nothing lost its connection under it (the job runners stop before the database) and nothing failed.
      expect(after.filter((l) => l.level !== 'info')).toEqual([]);
      expect(lines().filter((l) => ['error', 'fatal'].includes(l.level) || Number(l.level) >= 50)).toEqual([]);
      expect(server.stderr()).toBe('');
      expect(isRunning(postgresPid)).toBe(false);
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    });
  });

  describe('refuses to start with one clear line', () => {
    const expectOneLineRefusal = async (env: Record<string, string>, pattern: RegExp) => {
      const server = startServer(env);
      expect(await server.exited).toBe(1);
      const stderr = server.stderr().trim();
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^aduan: cannot start: /);
      expect(stderr).toMatch(pattern);
      expect(stderr).not.toMatch(/\n\s+at /);
      return stderr;
    };

    it('a DATABASE_URL that is not a URL', async () => {
      await expectOneLineRefusal({ DATABASE_URL: 'not a url' }, /DATABASE_URL is invalid/);
    });

    it('a DATABASE_URL nobody answers at, without echoing its password', async () => {
      const line = await expectOneLineRefusal({ DATABASE_URL: 'postgres://u:s3cret@127.0.0.1:1/x' }, /DATABASE_URL: cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/);
      expect(line).not.toContain('s3cret');
    });

    it('a bad PORT', async () => {
      await expectOneLineRefusal({ PORT: 'eighty' }, /PORT is invalid/);
    });

    it('a DATA_DIR that cannot be created', async () => {
      await expectOneLineRefusal({ DATA_DIR: '/proc/aduan-data' }, /DATA_DIR \/proc\/aduan-data cannot be created/);
    });

    it('a database with a migration this build does not have', async () => {
      const name = `aduan_start_${randomBytes(4).toString('hex')}`;
      const url = await createDatabase(inject('adminUrl'), name, inject('emptyTemplate'));
      try {
        const { Client } = await import('pg');
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'Future9999999999999')`);
        await client.end();
        await expectOneLineRefusal({ DATABASE_URL: url }, /migration Future9999999999999 applied, which this build does not have/);
      } finally {
        await dropDatabase(inject('adminUrl'), name);
      }
    });

    it('a database whose schema lacks what the code needs (a missing migration)', async () => {
      const name = `aduan_start_${randomBytes(4).toString('hex')}`;
      const url = await createDatabase(inject('adminUrl'), name, inject('emptyTemplate'));
      try {
        const { Client } = await import('pg');
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query('ALTER TABLE channels DROP COLUMN service_hours');
        await client.end();
        await expectOneLineRefusal({ DATABASE_URL: url }, /schema does not match the code: a migration is missing/);
      } finally {
        await dropDatabase(inject('adminUrl'), name);
      }
    });

    it.runIf(process.getuid?.() === 0)('as root, a DATA_DIR the postgres user cannot reach', async () => {
      const closed = mkdtempSync(path.join(os.tmpdir(), 'aduan-closed-')); // 0700, owned by root
      try {
        await expectOneLineRefusal({ DATA_DIR: path.join(closed, 'data') }, /runs as the system user 'postgres'.*set DATA_DIR/);
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    });
  });
});
