import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { getMetadataArgsStorage } from 'typeorm';
import { GraphQLObjectType } from 'graphql';
import { ProgramEntity } from '../../server/src/programs/program.entity';
import { buildAduanSchema } from '../../server/src/graphql/schema';

/**
 * type-graphql and TypeORM read the types of decorated properties from
 * `design:type` metadata, which esbuild (vitest's default transform) does not
 * emit. These fail if the swc transform in vitest.config.ts loses
 * decoratorMetadata, or tsconfig loses emitDecoratorMetadata.
 */
describe('decorator metadata', () => {
  it('is emitted for decorated properties', () => {
    expect(Reflect.getMetadata('design:type', ProgramEntity.prototype, 'stagesPerYear')).toBe(Number);
    expect(Reflect.getMetadata('design:type', ProgramEntity.prototype, 'name')).toBe(String);
  });

  it('lets TypeORM see every column of an entity', () => {
    const columns = getMetadataArgsStorage().columns.filter((c) => c.target === ProgramEntity).map((c) => c.propertyName);
    expect(columns).toEqual(expect.arrayContaining(['code', 'name', 'stagesPerYear', 'active', 'createdAt']));
  });

  it('lets type-graphql infer field types (Program.name is String!, Program.active is Boolean!)', async () => {
    const schema = await buildAduanSchema();
    const program = schema.getType('Program') as GraphQLObjectType;
    expect(String(program.getFields().name.type)).toBe('String!');
    expect(String(program.getFields().active.type)).toBe('Boolean!');
  });
});
