import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** Compiled operations kept per process; past this many, the oldest go first (clients send a handful of distinct operations). */
const MAX_COMPILED_OPERATIONS = 1000;

/**
 * Executes operations compiled to JavaScript (graphql-jit) instead of
 * interpreting the document field by field (graphql-js), once an operation
 * has been compiled. Apollo Server parses, validates, applies the query limits
 * and runs its plugins as before; only the execution step is replaced, through
 * the only hook Apollo Server 5 has for it (a "gateway" whose executor runs the
 * operation). Why: an inbox page runs ~2,000 field resolutions, and
 * interpreting them cost more Node CPU than all the SQL behind the page
 * (docs/benchmarks.md). The resolvers, the permission layer and the errors
 * are the same objects as before; graphql-jit builds the same result.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (requestContext): Promise<ExecutionResult> => {
          const { document, operation, operationName, queryHash, request, context } = requestContext;
          // Variables coerced by graphql-js, as before: its messages for refused values, and the defaults of
          // input fields applied (graphql-jit 0.8's own coercion ignores them). graphql-jit's pass after it
          // finds values already of their types.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
          if (variables.errors) return { errors: variables.errors };
          const key = `${queryHash}:${operationName ?? ''}`;
          let query = compiled.get(key);
          if (!query) {
            const result = compileQuery(schema, document, operationName ?? undefined);
            if (!isCompiledQuery(result)) return result;
            query = result;
            compiled.set(key, query);
            if (compiled.size > MAX_COMPILED_OPERATIONS) compiled.delete(compiled.keys().next().value!);
          }
          const result = await query.query(undefined, context, variables.coerced);
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {
      compiled.clear();
    },
  };
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
