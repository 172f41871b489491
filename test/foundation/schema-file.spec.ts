import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, isIntrospectionType, isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAduanSchema, printAduanSchema } from '../../server/src/graphql/schema';

const SCHEMA_FILE = path.join(__dirname, '../../schema/schema.graphql');

/** Every named element of the schema without a description, as `Type.field(arg)` paths. */
export function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const blank = (d: string | null | undefined) => !d || d.trim().length === 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    } else if (isScalarType(type) || isUnionType(type)) {
      // described at the type level above
    }
  }
  return missing;
}

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema:print` after changing the API)', async () => {
    const emitted = printAduanSchema(await buildAduanSchema());
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed, 'schema/schema.graphql is stale: run npm run schema:print and commit it').toBe(emitted);
  });

  it('describes every type, field, argument and enum value', async () => {
    expect(undescribed(await buildAduanSchema())).toEqual([]);
  });

  it('would notice an undescribed field (the check itself works)', async () => {
    const { buildSchema } = await import('graphql');
    const probe = buildSchema('"A type" type Query { "described" a: Int b(x: Int): Int }');
    expect(undescribed(probe)).toEqual(['Query.b', 'Query.b(x)']);
  });
});
