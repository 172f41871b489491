import 'reflect-metadata';
import './enums';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { ChannelResolver } from '../channels/channel.resolver';
import { ProgramResolver } from '../programs/program.resolver';
import { RegionResolver } from '../regions/region.resolver';
import { Organisation } from '../organisations/organisation.type';
import { NodeResolver } from './node.resolver';

/** Every resolver of the API; a new feature's resolver goes here. */
export const RESOLVERS = [NodeResolver, RegionResolver, ProgramResolver, ChannelResolver] as const;

/** Built once per process: the schema is the same for every request. */
export async function buildAduanSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    // Types reachable only through `node` must be listed to exist in the schema.
    orphanedTypes: [Organisation],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The schema as committed in schema/schema.graphql: sorted, so the file diffs cleanly. */
export function printAduanSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
