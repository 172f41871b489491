import { createClient, type AduanClient, type ComplaintCategoriesQuery, type ProgramsQuery, type RegionsQuery } from '@aduan/sdk';
import type { Account } from './accounts.js';
import type { ConsoleConfig } from './config.js';
import type { Office } from './sessions.js';

export type Program = ProgramsQuery['programs'][number];
export type Region = RegionsQuery['regions'][number];
export type Category = ComplaintCategoriesQuery['complaintCategories'][number];

/**
 * The console's connections to Aduan, all in this server process:
 *
 * - one SDK client per organisation's API client, holding its secret — the
 *   browser never sees a secret or a token;
 * - per signed-in officer, `actAs(officer)` of their organisation's client:
 *   its tokens come from the token exchange and name the officer, so every
 *   step and every read of personal data Aduan records is theirs;
 * - a public client for reference data (programmes, categories, regions).
 */
export class AduanConnections {
  private readonly organisationClients = new Map<string, AduanClient>();
  readonly reference: ReferenceData;

  constructor(private readonly config: ConsoleConfig) {
    this.reference = new ReferenceData(createClient(this.options()));
  }

  /** An SDK client acting for the account's officer. */
  forOfficer(account: Account): AduanClient {
    let organisation = this.organisationClients.get(account.clientId);
    if (!organisation) {
      organisation = createClient({ ...this.options(), clientId: account.clientId, clientSecret: this.config.clientSecrets.get(account.clientId)! });
      this.organisationClients.set(account.clientId, organisation);
    }
    return organisation.actAs({ id: account.officerId, name: account.name });
  }

  /** Who the officer's client is in Aduan: asked once at sign-in (it also proves the client's secret works). */
  async office(aduan: AduanClient): Promise<Office> {
    const viewer = await aduan.viewer();
    return {
      id: viewer.organisation.id,
      name: viewer.organisation.name,
      kind: viewer.organisation.kind,
      tier: viewer.organisation.tier ?? null,
      role: viewer.role,
      jurisdictionCode: viewer.jurisdictionCode ?? null,
    };
  }

  private options() {
    return {
      url: this.config.aduanUrl,
      locale: 'id', // status labels and messages in Bahasa Indonesia
      userAgent: 'konsol-petugas/1.0',
      // An officer is waiting for the page: give up sooner than a batch job would, and say so.
      timeoutMs: 15_000,
      retry: { maxAttempts: 3, maxRetryAfterMs: 5_000 },
    } as const;
  }
}

/** How long reference data is reused: programmes, categories and regions change a few times a year. */
const REFERENCE_TTL_MS = 10 * 60_000;

/** Programmes, categories and regions, cached in memory (every inbox page needs them). A failed load is not kept. */
export class ReferenceData {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(private readonly aduan: AduanClient) {}

  programs(): Promise<Program[]> {
    return this.cached('programs', () => this.aduan.programs());
  }

  categories(): Promise<Category[]> {
    return this.cached('categories', () => this.aduan.complaintCategories());
  }

  /** The regions directly under `parentCode` (the provinces without it). */
  regions(parentCode?: string): Promise<Region[]> {
    return this.cached(`regions:${parentCode ?? ''}`, () => this.aduan.regions(parentCode));
  }

  /** A category's label in Bahasa Indonesia (the code itself while the list cannot be loaded). */
  async categoryLabel(code: string): Promise<string> {
    try {
      return (await this.categories()).find((category) => category.code === code)?.label ?? code;
    } catch {
      return code;
    }
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
