import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/src/runtime/node-flags';
import type { Snapshot } from '../serve';

/** A contender running in a child process (bench/serve.ts): its port, and snapshots of its CPU time, statements and memory. */
export interface ContenderProcess {
  port: number;
  pid: number;
  snapshot(): Promise<Snapshot>;
  stop(): Promise<void>;
}

/** `serveScript`: another build's bench/serve.js (bench/ab.ts compares two builds); this build's by default. */
export async function startContenderProcess(name: string, databaseUrl: string, poolSize: number, serveScript = path.join(__dirname, '..', 'serve.js')): Promise<ContenderProcess> {
  const child: ChildProcess = fork(serveScript, [name], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_POOL_SIZE: String(poolSize), NODE_ENV: 'production' },
    // Aduan runs with the flags npm start gives it (its heap limit: server/src/runtime/node-flags.ts); the others as they come.
    execArgv: name.startsWith('aduan') ? [...SERVER_NODE_FLAGS] : [],
    // The request log goes nowhere (production writes it; the benchmark need not read it); errors are shown.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`contender ${name} exited with ${code} before it was ready`)));
    child.on('message', (message: { type: string; port?: number }) => { if (message.type === 'ready') resolve(message.port!); });
  });
  let nextId = 0;
  return {
    port,
    pid: child.pid!,
    snapshot: () => new Promise<Snapshot>((resolve) => {
      const id = nextId++;
      const onMessage = (message: { type: string; id?: number; snapshot?: Snapshot }) => {
        if (message.type === 'snapshot' && message.id === id) {
          child.off('message', onMessage);
          resolve(message.snapshot!);
        }
      };
      child.on('message', onMessage);
      child.send({ type: 'snapshot', id });
    }),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(); // gone already (hostile-latency.ts: the baseline may die of its heap)
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(timer); resolve(); });
      child.send({ type: 'stop' });
    }),
  };
}
