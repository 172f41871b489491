import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A stand-in for Meta's Graph API, to try the receiver without a Meta account
 * (README, "Try it with curl"): `node dist/graph-api-stand-in.js [port]`, 3002 by default.
 *
 * It answers what the receiver asks of the Cloud API:
 * - `POST /{version}/{phone-number-id}/messages`: prints `to ← text` and answers as Meta does;
 * - `GET /{version}/{media-id}`: the media answer for the photos and documents in samples/
 *   (Meta's error 100 for an id it does not hold);
 * - `GET /whatsapp_business/attachments/?mid=…`: the file, as Meta's CDN serves it.
 * A small stand-in file is served for each sample's photo or PDF; the one that
 * `document-too-large.json` sends is said to be 15 MB, as Meta would say of the
 * real scan, so the receiver refuses it before downloading. Anything it cannot
 * read is answered with Meta's error shape: the stand-in stays up whatever it is
 * sent, as the receiver does.
 */

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../samples');
const DEFAULT_PORT = 3002;

/** A 32 × 24 blue JPEG: a stand-in for the photos, small and real enough for Aduan to take. */
const PHOTO = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAYACADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCMBZSQAAAAAH//2Q==',
  'base64',
);

/** What Meta's media answer says of a file: its type and bytes, and the size it claims. */
interface StandInMedia { mimeType: string; bytes: Buffer; fileSize: number }

/** The photos and documents the samples send, by media id. */
function sampleMedia(): Map<string, StandInMedia> {
  const media = new Map<string, StandInMedia>();
  let files: string[] = [];
  try {
    files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
  } catch {
    return media; // no samples beside the build: every media id is unknown
  }
  for (const file of files) {
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8'));
    } catch {
      continue; // malformed-json.json, on purpose
    }
    for (const message of messagesOf(payload)) {
      const type = message.type;
      const item = typeof type === 'string' ? (message[type] as { id?: unknown; mime_type?: unknown } | undefined) : undefined;
      if (!item || typeof item.id !== 'string' || typeof item.mime_type !== 'string') continue;
      const bytes = item.mime_type.startsWith('image/') ? PHOTO : minimalPdf(String((item as { filename?: unknown }).filename ?? 'document'));
      const fileSize = file === 'document-too-large.json' ? 15 * 1024 * 1024 : bytes.length;
      media.set(item.id, { mimeType: item.mime_type, bytes, fileSize });
    }
  }
  return media;
}

function messagesOf(payload: unknown): Record<string, unknown>[] {
  const entries = (payload as { entry?: unknown })?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) => {
    const changes = (entry as { changes?: unknown })?.changes;
    return Array.isArray(changes) ? changes : [];
  }).flatMap((change) => {
    const messages = (change as { value?: { messages?: unknown } })?.value?.messages;
    return Array.isArray(messages) ? messages.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null) : [];
  });
}

/** A one-page PDF naming the file it stands for. */
function minimalPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Meta's error shape. */
function graphError(res: ServerResponse, status: number, code: number, message: string): void {
  json(res, status, { error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code } });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The request's body, up to 1 MB (the receiver's replies are a few hundred bytes). */
function bodyOf(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    let tooLarge = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 1024 * 1024) { tooLarge = true; text = ''; }
    });
    req.on('end', () => resolve(tooLarge ? null : text));
    req.on('error', () => resolve(null));
  });
}

const media = sampleMedia();
let sent = 0;

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const origin = `http://${req.headers.host ?? 'localhost'}`;
  if (req.method === 'GET' && url.pathname === '/') {
    json(res, 200, { standIn: 'Graph API', media: media.size });
    return;
  }
  const info = /^\/v\d+\.\d+\/(\d+)$/.exec(url.pathname);
  if (req.method === 'GET' && (info || url.pathname === '/whatsapp_business/attachments/')) {
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      graphError(res, 401, 190, 'Invalid OAuth access token.');
      return;
    }
    const mediaId = info ? info[1] : url.searchParams.get('mid') ?? '';
    const file = media.get(mediaId);
    if (!file) {
      graphError(res, 400, 100, 'Unsupported get request.');
      return;
    }
    if (info) {
      json(res, 200, {
        messaging_product: 'whatsapp',
        url: `${origin}/whatsapp_business/attachments/?mid=${mediaId}`,
        mime_type: file.mimeType,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        file_size: file.fileSize,
        id: mediaId,
      });
      return;
    }
    res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length }).end(file.bytes);
    return;
  }
  if (req.method === 'POST' && /^\/v\d+\.\d+\/[^/]+\/messages$/.test(url.pathname)) {
    const text = await bodyOf(req);
    let message: { to?: unknown; text?: { body?: unknown } } | null = null;
    try {
      message = text === null ? null : JSON.parse(text);
    } catch {
      message = null;
    }
    if (!message || typeof message.to !== 'string' || typeof message.text?.body !== 'string') {
      graphError(res, 400, 100, 'Invalid parameter');
      return;
    }
    console.log(`${message.to} ← ${message.text.body}`);
    sent += 1;
    json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: message.to, wa_id: message.to }], messages: [{ id: `wamid.standin${sent}` }] });
    return;
  }
  graphError(res, 404, 100, 'Unknown path');
}

const server = createServer((req, res) => {
  answer(req, res).catch((error: unknown) => {
    console.error(`stand-in: ${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) graphError(res, 500, 1, 'An unknown error occurred');
    else res.destroy();
  });
});
server.on('clientError', (_error, socket) => socket.destroy());

const port = process.argv[2] === undefined ? DEFAULT_PORT : Number(process.argv[2]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`stand-in: the port must be a number from 0 to 65535, not ${process.argv[2]}`);
  process.exit(1);
}
server.on('error', (error) => {
  console.error(`stand-in: cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Graph API stand-in: http://localhost:${(server.address() as AddressInfo).port}/v21.0 (${media.size} sample files)`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)));
