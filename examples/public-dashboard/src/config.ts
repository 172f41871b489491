/**
 * The dashboard's settings, from the environment. A bad value stops it at
 * start with one line naming what to fix. It needs no secret: everything it
 * shows is public, read without a token.
 */
export interface DashboardConfig {
  /** Aduan's GraphQL endpoint. */
  aduanUrl: string;
  /** Where Aduan's open data files are (`index.json` and the datasets), linked under each figure. */
  openDataUrl: string;
  /** 0 asks the system for a free port (the tests use it). */
  port: number;
  host: string;
}

export class ConfigError extends Error {}

function httpUrl(name: string, value: string, example: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(`${name} must be an http(s) URL such as ${example}, not ${JSON.stringify(value)}`);
  }
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DashboardConfig {
  const aduanUrl = httpUrl('ADUAN_URL', env.ADUAN_URL || 'http://localhost:4000/graphql', 'http://localhost:4000/graphql');
  // Aduan serves its open data beside the API (docs/open-data.md); a mirror or a CDN can be named instead.
  const openDataUrl = httpUrl('OPEN_DATA_URL', env.OPEN_DATA_URL || new URL('/open-data/v1/', aduanUrl).href, 'https://aduan.example.go.id/open-data/v1/');

  const portText = env.PORT || '3200';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new ConfigError(`PORT must be a number from 0 to 65535 (0: any free port), not ${JSON.stringify(portText)}`);
  // 127.0.0.1 by default: the demo is for this machine. Behind a reverse proxy, set HOST as the proxy needs.
  const host = env.HOST || '127.0.0.1';

  return { aduanUrl, openDataUrl: openDataUrl.endsWith('/') ? openDataUrl : `${openDataUrl}/`, port, host };
}
