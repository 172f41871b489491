import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Logger } from '../logger';
import { createChannelLoaders } from '../channels/channel.loaders';
import { createCaseHandlingLoaders } from '../case-handling/case-handling.loaders';
import { createComplaintLoaders } from '../complaints/complaint.loaders';
import { createDisbursementLoaders } from '../disbursements/disbursement.loaders';
import { createEvidenceLoaders } from '../evidence/evidence.loaders';
import { createDeliberationLoaders } from '../deliberations/deliberation.loaders';
import type { PersonalDataRead } from '../auth/personal-data-log';
import { createOrganisationLoaders } from '../organisations/organisation.loaders';
import { createProgramLoaders } from '../programs/program.loaders';
import { createRecipientLoaders } from '../recipients/recipient.loaders';
import { createReferralLoaders } from '../referrals/referral.loaders';
import { createRegionLoaders } from '../regions/region.loaders';
import { createOfficerLoaders } from '../officers/officer.loaders';

export type { Principal } from '../auth/principal';

import type { Locale } from '../words';
export type { Locale };

/** Per-request DataLoaders, named `xByYLoader`. Created per request: a shared loader would leak data across callers. */
export function createLoaders(dataSource: DataSource, principal: () => Principal, options: { batch?: boolean } = {}) {
  const loaders = {
    ...createComplaintLoaders(dataSource, principal),
    ...createRegionLoaders(dataSource),
    ...createProgramLoaders(dataSource),
    ...createChannelLoaders(dataSource),
    ...createOrganisationLoaders(dataSource),
    ...createReferralLoaders(dataSource, principal),
    ...createCaseHandlingLoaders(dataSource, principal),
    ...createDisbursementLoaders(dataSource, principal),
    ...createRecipientLoaders(dataSource, principal),
    ...createEvidenceLoaders(dataSource, principal),
    ...createDeliberationLoaders(dataSource),
    ...createOfficerLoaders(dataSource),
  };
  return options.batch === false ? withoutBatching(loaders) : loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The same loaders with DataLoader's batching and caching off: every load is
 * its own statement, as if each field queried for itself. Only for measuring
 * what DataLoader saves (npm run bench, "Aduan, DataLoader off"); never served.
 * DataLoader keeps its batch function in a private field; reading it here keeps
 * the switch out of every feature's loader file.
 */
function withoutBatching<T extends Record<string, DataLoader<any, any, any>>>(loaders: T): T {
  return Object.fromEntries(Object.entries(loaders).map(([name, loader]) => {
    const { _batchLoadFn: batchLoadFn } = loader as unknown as { _batchLoadFn: DataLoader.BatchLoadFn<unknown, unknown> };
    return [name, new DataLoader(batchLoadFn, { batch: false, cache: false })];
  })) as T;
}

/** What every resolver and service receives first. */
export interface RequestContext {
  requestId: string;
  /** Who is calling: the public (no token) or an authenticated API client. */
  principal: Principal;
  /** The caller's IP address (per-IP limits on public operations). */
  ip: string;
  /** The API's origin as the caller reached it (`https://host[:port]`), for the absolute URLs it hands out (evidence uploads and downloads). */
  origin?: string;
  locale: Locale;
  /**
   * Where this request reads and writes: the primary, or for a read-only query
   * the read replica when one is configured (database/read-routing.ts).
   */
  dataSource: DataSource;
  /** Always the primary: for writes a query makes (the access log) and lookups that must not miss through replica lag. */
  primary: DataSource;
  loaders: Loaders;
  logger: Logger;
  /** Set once the operation is parsed, for the request log line. */
  operationName?: string;
  /** Full personal data this response carries, written to the access log before it is sent. */
  personalDataReads: Map<string, PersonalDataRead>;
  /** The clock (tests move it): SLA states and due dates are computed against it. */
  now: () => Date;
  /**
   * Aborted when the caller closes the connection before the answer is sent
   * (http/abandoned-requests.ts): the request's statements are then cancelled
   * and refused (database/request-cancellation.ts, docs/adr/0017).
   */
  signal?: AbortSignal;
}

export function createRequestContext(
  { batchLoaders, ...args }: Omit<RequestContext, 'loaders' | 'personalDataReads' | 'now' | 'primary'> & { now?: () => Date; primary?: DataSource; batchLoaders?: boolean },
): RequestContext {
  return {
    ...args,
    primary: args.primary ?? args.dataSource,
    now: args.now ?? (() => new Date()),
    personalDataReads: new Map(),
    loaders: createLoaders(args.dataSource, () => args.principal, { batch: batchLoaders }),
  };
}
