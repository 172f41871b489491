import { ChildProcess, spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { callerClockEnv } from '../support/caller-clock';

/** Support for test/examples/whatsapp-intake.spec.ts: a fake Graph API (replies and media), the built receiver as a process, signing. */

export const EXAMPLE_DIR = path.resolve(__dirname, '../../examples/whatsapp-intake');
export const RECEIVER = path.join(EXAMPLE_DIR, 'dist/server.js');

export interface SentReply {
  path: string;
  authorization: string | undefined;
  body: { messaging_product: string; to: string; type: string; text: { body: string }; context?: { message_id: string } };
}

/** A file the fake Graph API holds for a media id. */
export interface FakeMedia {
  bytes: Buffer;
  mimeType: string;
  /** What the media answer says the size is; the real size by default (set it to lie, or to claim a file too large to fetch). */
  fileSize?: number;
  /** What the media answer says the SHA-256 is (hex); the real one by default. */
  sha256?: string;
}

/** One GET the receiver made for media: the info, or the file itself. */
export interface MediaRequest {
  step: 'info' | 'download';
  mediaId: string;
  authorization: string | undefined;
}

/**
 * The Cloud API, as far as the receiver uses it:
 * - `POST /{version}/{phone-number-id}/messages`: every reply is recorded and
 *   answered as Meta does; set `failWith` to make it refuse (e.g. 500, or 401).
 * - `GET /{version}/{media-id}`: the media answer (`url`, `mime_type`,
 *   `sha256`, `file_size`) for the files put in `media`; Meta's error 100 for
 *   an id it does not know.
 * - `GET /whatsapp_business/attachments/?mid=…`: the file, as Meta's CDN
 *   serves it; set `mediaFailsWith` to make it fail.
 * Both media steps require the access token, as Meta's do.
 */
export class FakeGraphApi {
  readonly replies: SentReply[] = [];
  readonly media = new Map<string, FakeMedia>();
  readonly mediaRequests: MediaRequest[] = [];
  failWith: number | null = null;
  mediaFailsWith: number | null = null;
  url = '';
  private server: Server | null = null;

  constructor(private readonly accessToken: string) {}

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const text = await bodyOf(req);
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = new URL(req.url ?? '/', 'http://fake.graph');
      const info = /^\/v\d+\.\d+\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && (info || url.pathname === '/whatsapp_business/attachments/')) {
        const mediaId = info ? info[1] : url.searchParams.get('mid') ?? '';
        this.mediaRequests.push({ step: info ? 'info' : 'download', mediaId, authorization: req.headers.authorization });
        if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
          json(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
          return;
        }
        const file = this.media.get(mediaId);
        if (!file) {
          json(400, { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 } });
          return;
        }
        if (this.mediaFailsWith) {
          json(this.mediaFailsWith, { error: { message: 'An unexpected error has occurred.', type: 'OAuthException', code: 2 } });
          return;
        }
        if (info) {
          json(200, {
            messaging_product: 'whatsapp',
            url: `${this.origin}/whatsapp_business/attachments/?mid=${mediaId}&ext=1764470600&hash=ATsQk7aX`,
            mime_type: file.mimeType,
            sha256: file.sha256 ?? createHash('sha256').update(file.bytes).digest('hex'),
            file_size: file.fileSize ?? file.bytes.length,
            id: mediaId,
          });
          return;
        }
        res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length }).end(file.bytes);
        return;
      }
      if (req.method !== 'POST' || !/^\/v\d+\.\d+\/[^/]+\/messages$/.test(req.url ?? '')) {
        json(404, { error: { message: 'Unknown path', code: 100 } });
        return;
      }
      if (this.failWith) {
        json(this.failWith, { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2 } });
        return;
      }
      const body = JSON.parse(text);
      this.replies.push({ path: req.url!, authorization: req.headers.authorization, body });
      json(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.reply${this.replies.length}` }] });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `${this.origin}/v21.0`;
  }

  private get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The texts sent to one WhatsApp number, oldest first. */
  textsTo(waId: string): string[] {
    return this.replies.filter((r) => r.body.to === waId).map((r) => r.body.text.body);
  }

  /** The media GETs made for one media id. */
  requestsFor(mediaId: string): MediaRequest[] {
    return this.mediaRequests.filter((r) => r.mediaId === mediaId);
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
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...callerClockEnv(), ...env },
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
  const child = spawn(process.execPath, [RECEIVER], { env: { PATH: process.env.PATH ?? '', ...callerClockEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** What Meta puts in X-Hub-Signature-256, computed independently of the receiver's own code. */
export function metaSignature(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}
