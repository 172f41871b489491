import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { DocumentNode, execute, ExecutionResult, FragmentDefinitionNode, getVariableValues, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, printSchema, SelectionSetNode } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { RequestContext } from './context';
import { BoundedCounter, WeightedCache } from './weighted-cache';

/**
 * Which operations are compiled, and how much of the heap they may keep
 * (docs/adr/0018-compiled-operations-earned.md). Compiling costs CPU in
 * proportion to the fields an operation selects (≈0.4 ms each, measured: an
 * inbox page's 35 fields 7–25 ms, 2,286 fields 0.5–1 s) and keeps ≈3 KB of
 * heap per field; it pays back only for operations run again and again, which
 * are the integrators'.
 */
export const COMPILATION = {
  /** An operation is compiled on this run by an authenticated client (counted per process); runs before it are interpreted. */
  afterRuns: 2,
  /** Operations selecting more fields than this (fragments written out where spread) are always interpreted: 3× the largest operation of the SDK (104). */
  maxFields: 300,
  /** What the compiled operations may be estimated to keep, in all; past it the least recently used are dropped. */
  budgetBytes: 32 * 2 ** 20,
  /**
   * The estimate per compiled operation: a base plus so much per selected field. Measured
   * (graphql-jit 0.8, heap after a full GC, 4 compilations of each shape): 0.2–3.2 KB per field,
   * the most for nested selections of objects (an inbox page 3.2 KB, a complaint tree 3.0–3.2 KB);
   * 6 KB is twice the most seen, so that the budget errs on the side of the heap.
   */
  bytesPerField: 6 * 1024,
  bytesPerOperation: 16 * 1024,
  /** Distinct operations whose runs are counted; the least recently run are forgotten first. */
  countedOperations: 10_000,
} as const;

export interface CompiledExecution extends GatewayInterface {
  /** What the cache holds now (for /metrics). */
  stats(): { operations: number; estimatedBytes: number };
}

/**
 * Executes operations compiled to JavaScript (graphql-jit) instead of
 * interpreting the document field by field (graphql-js), once an operation
 * has earned it. Apollo Server parses, validates, applies the query limits
 * and runs its plugins as before; only the execution step is replaced, through
 * the only hook Apollo Server 5 has for it (a "gateway" whose executor runs the
 * operation). Why: an inbox page runs ~2,000 field resolutions, and
 * interpreting them cost more Node CPU than all the SQL behind the page
 * (docs/benchmarks.md). The resolvers, the permission layer and the errors
 * are the same objects as before; graphql-jit builds the same result.
 *
 * What is compiled (COMPILATION): only an operation an authenticated client
 * runs a second time, and only when it selects at most 300 fields. Everything
 * else is executed by graphql-js as Apollo Server would: a tokenless caller
 * can neither make the process compile (up to a second of CPU for an operation
 * inside the cost limit) nor fill the heap with compiled code (issue 15: 97
 * distinct such operations, sent in two minutes, ended the process). The
 * compiled operations are kept by estimated size, least recently used first
 * out, within a budget, whoever sent them.
 */
export function compiledExecution(schema: GraphQLSchema): CompiledExecution {
  const compiled = new WeightedCache<CompiledQuery>(COMPILATION.budgetBytes);
  const runs = new BoundedCounter(COMPILATION.countedOperations);
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (requestContext): Promise<ExecutionResult> => {
          const { document, operation, operationName, queryHash, request, context } = requestContext;
          const key = `${queryHash}:${operationName ?? ''}`;
          let query = operation ? compiled.get(key) : undefined;
          if (!query && operation && isAuthenticated(context) && runs.increment(key) >= COMPILATION.afterRuns) {
            const fields = selectedFields(document, operation, COMPILATION.maxFields);
            if (fields <= COMPILATION.maxFields) {
              const result = compileQuery(schema, document, operationName ?? undefined);
              if (isCompiledQuery(result)) {
                query = result;
                compiled.set(key, query, COMPILATION.bytesPerOperation + fields * COMPILATION.bytesPerField);
              }
            }
          }
          if (!query) {
            // graphql-js, as Apollo Server runs it without a gateway. Without an operation (two in the
            // document and no operationName, or a name it does not define) this answers graphql-js's
            // error, which Apollo Server makes a 400 OPERATION_RESOLUTION_FAILURE.
            return execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
          }
          // Variables coerced by graphql-js, as before: its messages for refused values, and the defaults of
          // input fields applied (graphql-jit 0.8's own coercion ignores them). graphql-jit's pass after it
          // finds values already of their types.
          const variables = getVariableValues(schema, operation!.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
          if (variables.errors) return { errors: variables.errors };
          const result = await query.query(undefined, context, variables.coerced);
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {
      compiled.clear();
      runs.clear();
    },
    stats: () => ({ operations: compiled.size, estimatedBytes: compiled.weight }),
  };
}

function isAuthenticated(context: unknown): boolean {
  return (context as Partial<RequestContext> | undefined)?.principal?.kind === 'client';
}

/**
 * The fields an operation selects, fragments written out where they are spread
 * (what graphql-jit generates code for), counted up to `limit + 1` and no
 * further: the walk stops there, so that counting an operation too large to
 * compile costs no more than counting one that is not.
 */
export function selectedFields(document: DocumentNode, operation: OperationDefinitionNode, limit: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let count = 0;
  const walk = (selectionSet: SelectionSetNode, spreading: readonly string[]): void => {
    for (const selection of selectionSet.selections) {
      if (count > limit) return;
      if (selection.kind === Kind.FIELD) {
        count++;
        if (selection.selectionSet) walk(selection.selectionSet, spreading);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, spreading);
      } else {
        const fragment = fragments.get(selection.name.value);
        // A cycle cannot pass validation; the guard keeps the walk finite whatever it is given.
        if (fragment && !spreading.includes(fragment.name.value)) walk(fragment.selectionSet, [...spreading, fragment.name.value]);
      }
    }
  };
  walk(operation.selectionSet, []);
  return count;
}

/**
 * graphql-jit reports errors as objects of its own (read-only properties, no
 * extensions object unless the thrown error had one): made graphql-js errors
 * again here, so that Apollo Server and the error formatting (http/app.ts
 * maskInternalErrors, the 503 for a database away) see what graphql-js would
 * have given them — message, path, locations, the error thrown, its code.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  // As graphql-js's locatedError makes them: the thrown error is the original, its extensions (a code) carried over.
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}
