import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { buildSchema, getOperationAST, OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_ALIASES, MAX_COST, MAX_DEPTH, measureOperation } from '../../server/src/http/limits/query-limits';

/**
 * The SDK's generated code (sdk/src/generated) is committed. This regenerates
 * it in memory from codegen.yml (schema/schema.graphql + sdk/src/operations)
 * and fails on any difference: run `npm run codegen` and commit the result.
 */

const root = path.resolve(__dirname, '../..');
const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));

async function generated() {
  const { config } = (await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.yml') }))!;
  return generate({ ...config, cwd: root, watch: false, silent: true }, false);
}

function sdkOperations(): OperationDefinitionNode[] {
  const text = readFileSync(path.join(root, 'sdk/src/generated/graphql.ts'), 'utf8');
  // The documents as the SDK sends them: each generated `…Document` string.
  return [...text.matchAll(/export const (\w+)Document = new TypedDocumentString\(`([\s\S]*?)`/g)].map(([, , body]) => getOperationAST(parse(body))!);
}

describe('generated SDK code', () => {
  it('is what `npm run codegen` makes from the schema and the operation documents', async () => {
    const outputs = await generated();
    expect(outputs.map((o) => path.relative(root, path.resolve(root, o.filename))).sort()).toEqual(['sdk/src/generated/graphql.ts', 'sdk/src/generated/operations.ts']);
    for (const output of outputs) {
      const committed = readFileSync(path.resolve(root, output.filename), 'utf8');
      expect(committed === output.content, `${output.filename} is stale: run \`npm run codegen\` and commit the result`).toBe(true);
    }
  }, 60_000);

  it('has an operation for every root field of the schema (a new field needs a document in sdk/src/operations)', () => {
    const covered = new Set(sdkOperations().map((op) => `${op.operation === 'mutation' ? 'Mutation' : 'Query'}.${(op.selectionSet.selections[0] as { name: { value: string } }).name.value}`));
    const fields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()).map((name) => `${type.name}.${name}`));
    expect(fields.filter((field) => !covered.has(field))).toEqual([]);
  });

  it('every SDK document, at its largest page size, stays within the server’s depth, alias and cost limits', () => {
    const operations = sdkOperations();
    expect(operations.length).toBeGreaterThan(30);
    for (const operation of operations) {
      const variables = Object.fromEntries(operation.variableDefinitions!.map((v) => [v.variable.name.value, v.variable.name.value === 'first' ? 100 : undefined]));
      // Fragments are spread: measure the full document text the SDK sends.
      const text = readFileSync(path.join(root, 'sdk/src/generated/graphql.ts'), 'utf8').match(new RegExp(`export const ${operation.name!.value}Document = new TypedDocumentString\\(\`([\\s\\S]*?)\``))![1];
      const measures = measureOperation(schema, parse(text), operation.name!.value, variables);
      expect(measures.depth, operation.name!.value).toBeLessThanOrEqual(MAX_DEPTH);
      expect(measures.aliases, operation.name!.value).toBeLessThanOrEqual(MAX_ALIASES);
      expect(measures.cost, operation.name!.value).toBeLessThanOrEqual(MAX_COST);
    }
  });
});
