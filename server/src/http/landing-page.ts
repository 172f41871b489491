import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * `GET /`: where a developer who opens the server's address lands — what this
 * server is and where to go: the GraphQL endpoint (and its IDE, outside
 * production), the health checks, the API reference. In Bahasa Indonesia and
 * English, line by line, like the IDE's welcome text. A browser gets a page; a
 * program (Accept: application/json) the same links as JSON.
 */
export interface LandingPageOptions {
  /** Where GraphQL is served; its IDE opens there in a browser when `ide`. */
  endpoint: string;
  /** The IDE is on (development): the GraphQL link opens it. */
  ide: boolean;
  /** The API reference site's path, once the server serves one; until then the page says it is coming. */
  docsPath?: string;
}

const STYLE = `body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; margin-bottom: 0; } .en { color: #555; } li { margin: .6rem 0; } code { font-size: .95em; }`;

/** Only the page's own style (by its hash), nothing else: no script, no other origin. */
const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Link { path: string; id: string; en: string; live: boolean }

function links(options: LandingPageOptions): Link[] {
  return [
    options.ide
      ? { path: options.endpoint, id: 'GraphQL API dan IDE-nya (buka di peramban; token demo dapat diambil di sana)', en: 'The GraphQL API and its IDE (open it in a browser; it can fetch a demo token)', live: true }
      : { path: options.endpoint, id: 'GraphQL API (POST; IDE tidak aktif di produksi)', en: 'The GraphQL API (POST; the IDE is off in production)', live: true },
    options.docsPath
      ? { path: options.docsPath, id: 'Referensi API: setiap kueri, mutasi, dan tipe', en: 'API reference: every query, mutation and type', live: true }
      : { path: '/docs', id: 'Referensi API: segera hadir', en: 'API reference: coming', live: false },
    { path: '/oauth/token', id: 'Token akses (OAuth 2.0 client credentials, POST)', en: 'Access tokens (OAuth 2.0 client credentials, POST)', live: false },
    { path: '/healthz', id: 'Proses berjalan', en: 'The process is up', live: true },
    { path: '/readyz', id: 'Siap melayani (basis data dan migrasi)', en: 'Ready to serve (database and migrations)', live: true },
  ];
}

export function landingPage(options: LandingPageOptions) {
  const items = links(options);
  const html = `<!DOCTYPE html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Aduan API</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <h1>Aduan</h1>
    <p>API pengaduan bantuan sosial (bansos).<br /><span class="en">The complaints API for Indonesia's social assistance.</span></p>
    <ul>
${items.map((l) => {
    const target = l.live ? `<a href="${escapeHtml(l.path)}"><code>${escapeHtml(l.path)}</code></a>` : `<code>${escapeHtml(l.path)}</code>`;
    return `      <li>${target} — ${escapeHtml(l.id)}<br /><span class="en">${escapeHtml(l.en)}</span></li>`;
  }).join('\n')}
    </ul>
  </body>
</html>
`;
  const json = {
    name: 'Aduan',
    graphql: options.endpoint,
    ide: options.ide ? options.endpoint : null,
    docs: options.docsPath ?? null,
    token: '/oauth/token',
    health: '/healthz',
    ready: '/readyz',
  };
  return (req: Request, res: Response) => {
    res.vary('Accept');
    res.setHeader('Cache-Control', 'no-store');
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.type('html').send(html);
      return;
    }
    res.json(json);
  };
}
