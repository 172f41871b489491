import { createDataSource } from '../../server/src/database/data-source';
import { buildServedSchema } from '../../server/src/graphql/schema';
import { createServer } from '../../server/src/http/app';
import { createLogger } from '../../server/src/logger';
import { aduanOperation, WorkloadName } from '../workloads';
import { Contender, graphqlRequest, StartOptions } from './contender';

export interface AduanVariant {
  name: string;
  label: string;
  permissions: boolean;
  batchLoaders: boolean;
  /** Operations interpreted by graphql-js instead of compiled (server/src/graphql/compiled-execution.ts). */
  interpreted?: boolean;
}

/**
 * Aduan as it is served: Express + Apollo in production mode, the permission
 * layer, query limits and rate limits on (budgets raised so the load is never
 * refused), a request log line per request (to the child's stdout, discarded);
 * or with the permission layer, DataLoader or compiled execution switched off,
 * to show what each costs or saves.
 */
export function aduanContender(variant: AduanVariant): Contender {
  return {
    name: variant.name,
    label: variant.label,
    unavailable: async () => null,
    supports: () => true,
    async start(options: StartOptions) {
      let statements = 0;
      const dataSource = createDataSource(options.databaseUrl, { poolSize: options.poolSize, onQuery: () => { statements += 1; } });
      await dataSource.initialize();
      const server = await createServer({
        schema: await buildServedSchema({ permissions: variant.permissions }),
        dataSource,
        logger: createLogger(options.logLevel ?? 'info'),
        production: true,
        isMigrated: async () => true,
        rateLimits: { clientPerMinute: 1e9, publicPerMinute: 1e9 },
        batchLoaders: variant.batchLoaders,
        interpretedExecution: variant.interpreted ?? false,
      });
      const port = await server.listen(0, '127.0.0.1');
      return {
        port,
        statements: () => statements,
        stop: async () => {
          await server.stop();
          await dataSource.destroy();
        },
      };
    },
    request(workload: WorkloadName, input, token) {
      const { query, variables } = aduanOperation(workload, input);
      return graphqlRequest(query, variables, token);
    },
  };
}
