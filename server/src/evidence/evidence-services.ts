import { DataSource } from 'typeorm';
import type { ClientPrincipal } from '../auth/principal';
import type { TokenService } from '../auth/token.service';
import type { Logger } from '../logger';
import type { EvidenceStorage } from './storage/evidence-storage';

/** What the upload and download routes and the cleanup job work with. */
export interface EvidenceServices {
  /** The primary: uploads write, and downloads must see what was just attached. */
  dataSource: DataSource;
  storage: EvidenceStorage;
  /** Who an API client is now (a URL names its client; the client may have been disabled since). */
  tokens: Pick<TokenService, 'clientPrincipal'>;
  logger: Logger;
  /** The clock (tests move it). */
  now: () => Date;
  /** Remembers a client's write position, so its next queries read from the primary until a read replica has caught up (database/read-routing.ts). */
  noteWrite?: (principal: ClientPrincipal) => Promise<void>;
}
