import { ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

/** Support for test/examples/whatsapp-intake.spec.ts: a fake Graph API, the built receiver as a process, signing. */

export const EXAMPLE_DIR = path.resolve(__dirname, '../../examples/whatsapp-intake');
export const RECEIVER = path.join(EXAMPLE_DIR, 'dist/server.js');

export interface SentReply {
  path: string;
  authorization: string | undefined;
  body: { messaging_product: string; to: string; type: string; text: { body: string }; context?: { message_id: string } };
}

/**
 * The Cloud API's send endpoint, as far as the receiver uses it: records every
 * `POST /{version}/{phone-number-id}/messages` and answers like Meta does; set
 * `failWith` to make it refuse (e.g. 500, or 401 for an expired token).
 */
export class FakeGraphApi {
  readonly replies: SentReply[] = [];
  failWith: number | null = null;
  url = '';
  private server: Server | null = null;

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const text = await bodyOf(req);
      if (req.method !== 'POST' || !/^\/v\d+\.\d+\/[^/]+\/messages$/.test(req.url ?? '')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Unknown path', code: 100 } }));
        return;
      }
      if (this.failWith) {
        res.writeHead(this.failWith, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2 } }));
        return;
      }
      const body = JSON.parse(text);
      this.replies.push({ path: req.url!, authorization: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.reply${this.replies.length}` }],
      }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v21.0`;
  }

  /** The texts sent to one WhatsApp number, oldest first. */
  textsTo(waId: string): string[] {
    return this.replies.filter((r) => r.body.to === waId).map((r) => r.body.text.body);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export interface Receiver {
  /** `http://localhost:PORT/webhook`, from the line the receiver prints. */
  webhook: string;
  process: ChildProcess;
  /** Everything it wrote, stdout and stderr. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs `node examples/whatsapp-intake/dist/server.js` with this environment and waits for its "WhatsApp intake: …" line. */
export async function startReceiver(env: Record<string, string>, timeoutMs = 20_000): Promise<Receiver> {
  const child = spawn(process.execPath, [RECEIVER], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = /^WhatsApp intake: (http:\/\/\S+\/webhook)$/m.exec(output);
    if (line) {
      return {
        webhook: line[1].replace('localhost', '127.0.0.1'),
        process: child,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the receiver did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the receiver to its exit (for configurations it must refuse). */
export function runReceiver(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [RECEIVER], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** What Meta puts in X-Hub-Signature-256, computed independently of the receiver's own code. */
export function metaSignature(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
