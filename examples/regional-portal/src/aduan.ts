import { createClient, type AduanClient, type ComplaintCategoriesQuery, type ProgramsQuery, type RegionsQuery } from '@aduan/sdk';
import type { PortalConfig } from './config.js';

/** Kota Bandung, the city this portal serves (Kemendagri code). */
export const CITY_CODE = '32.73';
/** Every complaint from this portal arrives through the web portal channel. */
export const CHANNEL = 'WEB_PORTAL';

export type Program = ProgramsQuery['programs'][number];
export type Region = RegionsQuery['regions'][number];
export type Category = ComplaintCategoriesQuery['complaintCategories'][number];

/**
 * The portal's two connections to Aduan, both living in this server process:
 *
 * - `intake` holds the portal's client id and secret. The SDK exchanges them
 *   for a token (POST /oauth/token), keeps it in memory and renews it before
 *   it expires. Only this process ever sees the secret or the token; the
 *   browser talks to the portal, never to Aduan, and even files the person
 *   attaches pass through the portal (see attachments.ts).
 * - `lookup` has no credentials: programmes, regions and tracking are public,
 *   and reading them without the portal's identity keeps the token on the
 *   calls that need it (submitting, attaching evidence).
 */
export interface AduanConnections {
  intake: AduanClient;
  lookup: AduanClient;
  reference: ReferenceData;
}

export function connectToAduan(config: PortalConfig): AduanConnections {
  const common = {
    url: config.aduanUrl,
    locale: 'id', // status labels, acknowledgements and error messages in Bahasa Indonesia
    userAgent: 'portal-kota-bandung/1.0',
    // A person is waiting for the page: give up sooner than a batch job would,
    // and show them a message instead of a spinner that never ends.
    timeoutMs: 10_000,
    retry: { maxAttempts: 3, maxRetryAfterMs: 5_000 },
  } as const;
  const intake = createClient({ ...common, clientId: config.clientId, clientSecret: config.clientSecret });
  const lookup = createClient(common);
  return { intake, lookup, reference: new ReferenceData(lookup) };
}

/** How long reference data is reused: programmes and regions change a few times a year. */
const REFERENCE_TTL_MS = 10 * 60_000;

/**
 * Programmes and regions, cached in memory: every form page needs them, and
 * asking Aduan for each page view would spend the portal's rate budget on
 * data that hardly ever changes. A failed load is not cached, so the next
 * page view tries again.
 */
export class ReferenceData {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(private readonly aduan: AduanClient) {}

  /** The programmes that take complaints now. */
  programs(): Promise<Program[]> {
    return this.cached('programs', async () => (await this.aduan.programs()).filter((program) => program.active));
  }

  /** The complaint categories as Aduan words them (Bahasa Indonesia: the portal sends no Accept-Language), in Aduan's order. */
  categories(): Promise<Category[]> {
    return this.cached('categories', () => this.aduan.complaintCategories());
  }

  /** The kecamatan of Kota Bandung. */
  subdistricts(): Promise<Region[]> {
    return this.cached(`regions:${CITY_CODE}`, () => this.aduan.regions(CITY_CODE));
  }

  /** The kelurahan of one kecamatan; empty for a code that is not a kecamatan of this city. */
  async villages(subdistrictCode: string): Promise<Region[]> {
    const subdistricts = await this.subdistricts();
    // Only this city's kecamatan: the portal's JSON endpoint is not a proxy for the whole country.
    if (!subdistricts.some((s) => s.code === subdistrictCode)) return [];
    return this.cached(`regions:${subdistrictCode}`, () => this.aduan.regions(subdistrictCode));
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { expires: Date.now() + REFERENCE_TTL_MS, value });
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return value;
  }
}
