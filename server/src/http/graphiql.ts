import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, Response, Router } from 'express';
import { demoSecret } from '../demo/reference.data';

/**
 * A self-hosted GraphiQL for `GET /graphql` in a browser.
 *
 * Government intranets often have no internet, so nothing on the page comes
 * from a CDN: GraphiQL's prebuilt UMD bundle and React 18's UMD builds are
 * served from node_modules, and the page's start-up script is served from
 * here too, so the Content-Security-Policy can forbid every other origin and
 * every inline script.
 *
 * The router only answers a request that prefers HTML and carries no `query`
 * parameter; anything else (`Accept: application/json`, `?query=…`, POST)
 * goes to `next()`, which is Apollo. Mount it at the application root, before
 * Apollo's middleware on the same endpoint.
 */

/** Where the IDE's JavaScript and CSS are served. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

export const GRAPHIQL_TITLE = 'Aduan GraphQL';

export const GRAPHIQL_DEFAULT_QUERY = `# Selamat datang di Aduan GraphQL API.
# Welcome to the Aduan GraphQL API.
#
# Operasi yang memerlukan otorisasi: tambahkan
# header ini di panel "Headers" di bawah.
# Operations that need authorization: add this
# header in the "Headers" pane below.
#
#   { "Authorization": "Bearer <token>" }
#
# Token diperoleh dari POST /oauth/token.
# Tokens come from POST /oauth/token.
#
# Jalankan kueri: Ctrl+Enter (Mac: Cmd+Enter).
# Run the query: Ctrl+Enter (Mac: Cmd+Enter).

{
  programs {
    code
    name
  }
  channels {
    code
    name
    contact
    serviceHours
  }
  regions {
    code
    name
    timeZone
  }
}
`;

/**
 * Only this origin. Styles need 'unsafe-inline' because GraphiQL's components
 * (and the CSS-in-JS of its dependencies) write inline styles; its icon font
 * and a few images are `data:` URLs inside graphiql.min.css.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The start-up script, served as a local file so that no inline script is needed.
 * In development, the bar above the IDE fetches a demo client's token from
 * POST /oauth/token (their secrets are public, README "Demo clients") and opens
 * the IDE again with it in the Headers pane; the query stays (GraphiQL keeps it).
 */
const INIT_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var opened = 0;
  function open(headers) {
    opened += 1;
    root.render(
      React.createElement(GraphiQL, {
        key: opened,
        fetcher: fetcher,
        defaultQuery: config.defaultQuery,
        defaultEditorToolsVisibility: 'headers',
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        headers: headers
      })
    );
  }
  open(undefined);

  var bar = document.getElementById('demo-token');
  if (!bar || !config.demoClients.length) return;
  var select = bar.querySelector('select');
  var status = bar.querySelector('output');
  bar.querySelector('button').addEventListener('click', function () {
    var client = config.demoClients[select.selectedIndex];
    status.textContent = '…';
    fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok || !body.access_token) {
          status.textContent = 'Gagal / Failed: ' + (body.error_description || body.error || response.status);
          return;
        }
        open(JSON.stringify({ Authorization: 'Bearer ' + body.access_token }, null, 2));
        status.textContent = 'Token ' + client.id + ' ada di panel Headers / is in the Headers pane';
      });
    }).catch(function () {
      status.textContent = 'Gagal / Failed';
    });
  });
})();
`;

const PAGE_CSS = `html, body { height: 100%; margin: 0; overflow: hidden; }
body { display: flex; flex-direction: column; }
#graphiql { flex: 1; min-height: 0; width: 100%; }
#demo-token { display: flex; gap: 0.5rem; align-items: center; padding: 0.3rem 0.75rem; font: 13px system-ui, sans-serif; border-bottom: 1px solid #ddd; }
`;

interface Package {
  name: string;
  version: string;
  /** Directory served, inside the installed package. */
  dir: string;
  /** URL prefix below GRAPHIQL_ASSETS_PATH; carries the version, so caching can be long. */
  prefix: string;
  /** File names inside `dir` that may be served. */
  files: string[];
}

function installedPackage(name: string, subdir: string, files: string[]): Package {
  let packageJson: string;
  try {
    packageJson = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(`GraphiQL: the npm package "${name}" is not installed (run npm install)`);
  }
  const { version } = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string };
  const dir = path.join(path.dirname(packageJson), subdir);
  for (const file of files) {
    if (!fs.existsSync(path.join(dir, file))) {
      throw new Error(`GraphiQL: ${name}@${version} has no ${path.join(subdir, file)}`);
    }
  }
  return { name, version, dir, prefix: `/${name}@${version}`, files };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a `<script type="application/json">` element. */
function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const IMMUTABLE = `public, max-age=${ONE_YEAR_SECONDS}, immutable`;

export function graphiqlRouter(options: {
  endpoint: string;
  /** Demo clients the IDE fetches a token for (development, seeded ones only: main.ts); none by default. */
  demoClientIds?: readonly string[];
}): Router {
  const { endpoint } = options;
  const demoClients = (options.demoClientIds ?? []).map((id) => ({ id, secret: demoSecret(id) }));
  const router = express.Router();

  const react = installedPackage('react', 'umd', ['react.production.min.js']);
  const reactDom = installedPackage('react-dom', 'umd', ['react-dom.production.min.js']);
  const graphiql = installedPackage('graphiql', '.', ['graphiql.min.js', 'graphiql.min.css']);
  // The source maps are served when present, for the browser's developer tools.
  for (const map of ['graphiql.min.js.map', 'graphiql.min.css.map']) {
    if (fs.existsSync(path.join(graphiql.dir, map))) graphiql.files.push(map);
  }

  for (const pkg of [react, reactDom, graphiql]) {
    const allowed = new Set(pkg.files.map((f) => `/${f}`));
    const serve = express.static(pkg.dir, {
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      immutable: true,
      maxAge: ONE_YEAR_SECONDS * 1000,
    });
    // Only the listed files, not the rest of the package (package.json, sources).
    router.use(`${GRAPHIQL_ASSETS_PATH}${pkg.prefix}`, (req: Request, res: Response, next: NextFunction) => {
      if (!allowed.has(req.path)) return next();
      res.setHeader('X-Content-Type-Options', 'nosniff');
      serve(req, res, next);
    });
  }

  const ownAssets: Record<string, { body: string; type: string }> = {
    [`/aduan-graphiql.${contentHash(INIT_SCRIPT)}.js`]: { body: INIT_SCRIPT, type: 'text/javascript; charset=utf-8' },
    [`/aduan-graphiql.${contentHash(PAGE_CSS)}.css`]: { body: PAGE_CSS, type: 'text/css; charset=utf-8' },
  };
  const [initScriptUrl, pageCssUrl] = Object.keys(ownAssets).map((p) => `${GRAPHIQL_ASSETS_PATH}${p}`);
  router.get(`${GRAPHIQL_ASSETS_PATH}/:file`, (req: Request, res: Response, next: NextFunction) => {
    const asset = ownAssets[`/${req.params.file}`];
    if (!asset) return next();
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(asset.body);
  });

  const asset = (pkg: Package, file: string): string => `${GRAPHIQL_ASSETS_PATH}${pkg.prefix}/${file}`;
  const config = { endpoint, defaultQuery: GRAPHIQL_DEFAULT_QUERY, tokenEndpoint: '/oauth/token', demoClients };
  const demoBar = demoClients.length ? `
    <div id="demo-token">
      <label for="demo-client">Token demo / Demo token:</label>
      <select id="demo-client">${demoClients.map((c) => `<option>${escapeHtml(c.id)}</option>`).join('')}</select>
      <button type="button">Ambil token / Get a token</button>
      <output></output>
    </div>` : '';
  const html = `<!DOCTYPE html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${escapeHtml(GRAPHIQL_TITLE)}</title>
    <link rel="stylesheet" href="${escapeHtml(asset(graphiql, 'graphiql.min.css'))}" />
    <link rel="stylesheet" href="${escapeHtml(pageCssUrl)}" />
  </head>
  <body>${demoBar}
    <div id="graphiql">Memuat GraphiQL… / Loading GraphiQL…</div>
    <noscript>GraphiQL memerlukan JavaScript. / GraphiQL needs JavaScript.</noscript>
    <script type="application/json" id="graphiql-config">${jsonForScriptElement(config)}</script>
    <script src="${escapeHtml(asset(react, 'react.production.min.js'))}"></script>
    <script src="${escapeHtml(asset(reactDom, 'react-dom.production.min.js'))}"></script>
    <script src="${escapeHtml(asset(graphiql, 'graphiql.min.js'))}"></script>
    <script src="${escapeHtml(initScriptUrl)}"></script>
  </body>
</html>
`;

  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    res.vary('Accept');
    const prefersHtml =
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!prefersHtml || req.query.query !== undefined) return next();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', GRAPHIQL_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.send(html);
  });

  return router;
}
