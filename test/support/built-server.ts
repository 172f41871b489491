import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/src/runtime/node-flags';
import { callerClockEnv } from './caller-clock';

/**
 * The built server (`node <flags> dist/server/src/main.js`, what `npm start` runs) as a
 * real process, for tests that must kill it, restart it, or run several.
 * `npm test` builds dist/ first.
 */
export const BUILT_MAIN = path.join(__dirname, '../../dist/server/src/main.js');

export interface BuiltServer {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Why the process is gone, for a failure message: its exit code or signal and the last lines it printed; '' while it runs. */
  gone: () => string;
}

/**
 * `env` and a minimal rest (PATH, HOME, LOG_LEVEL) on purpose, and the test's own clock (callerClockEnv): under
 * faketime a server on the real clock would sign webhooks and date complaints by another clock than the test's.
 */
export function spawnBuiltServer(env: Record<string, string>, { ownGroup = false }: {
  /** In a process group of its own, as a terminal runs `npm start`: `process.kill(-pid, 'SIGINT')` is then Ctrl-C. */
  ownGroup?: boolean;
} = {}): BuiltServer {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, BUILT_MAIN], { // as npm start runs it
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...callerClockEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  let exit = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => {
    exit = `exited with ${code ?? signal}`;
    resolve(code);
  }));
  const tail = (text: string) => text.trimEnd().split('\n').slice(-15).join('\n');
  // V8's out-of-memory report is ~27 lines, its "FATAL ERROR: … JavaScript heap out of memory" line 17 from the end: kept whatever follows it.
  const fatal = () => err.split('\n').filter((line) => line.startsWith('FATAL ERROR')).map((line) => `${line}\n…\n`).join('');
  const gone = () => (exit ? `the server ${exit}; stderr:\n${fatal()}${tail(err)}\nstdout:\n${tail(out)}` : '');
  return { process: child, stdout: () => out, stderr: () => err, exited, gone };
}

/** Waits for the "Aduan is listening" log line; answers its port and startup time. */
export async function waitForListening(server: BuiltServer, timeoutMs = 90_000): Promise<{ port: number; startupMs: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = server.stdout().split('\n').find((l) => l.includes('"Aduan is listening"'));
    if (line) {
      const parsed = JSON.parse(line);
      return { port: parsed.port, startupMs: parsed.startupMs };
    }
    if (server.process.exitCode !== null) throw new Error(`server exited: ${server.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start in time: ${server.stderr()}`);
}

/** A client-credentials token from a running server (demo secret `<client_id>-secret`). */
export async function tokenFrom(baseUrl: string, clientId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-secret` }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
  return body.access_token;
}
