import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

/**
 * How big a query may be, measured on the operation that will run, with its
 * variables. The contract fixes depth and aliases; the cost ceiling is ours.
 */
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 15;
/**
 * 10 000 lets through what an integrator needs in one request: a full inbox
 * page of 100 complaints with their programme, channel, region, organisations,
 * complainant and latest 3 timeline events (≈ 6 000), or 20 complaints with a
 * 20-event timeline each. It refuses what no screen needs and the database
 * pays for dearly: 100 complaints × 100 timeline events each (≈ 80 000), or
 * lists nested three deep.
 */
export const MAX_COST = 10_000;

/** The numbers of the cost model. */
export const COST_MODEL = {
  /** Every field selected, scalar or object. */
  fieldCost: 1,
  /** Items assumed for a connection without `first` (the contract's default page size). */
  defaultPageSize: 20,
  /** Items assumed for a list without a size argument (`programs`, `regions`, …). */
  defaultListSize: 10,
} as const;

export interface QueryMeasures {
  /** Levels of nested fields; `{ a { b } }` is 2. */
  depth: number;
  /** Fields with an alias. */
  aliases: number;
  /** Fields selected, each multiplied by the sizes of the lists around it. */
  cost: number;
}

const NOTHING: QueryMeasures = { depth: 0, aliases: 0, cost: 0 };

/**
 * Measures one operation of a document. Fragments count where they are
 * spread, as if written out; each fragment is measured once and the result
 * reused, so a document that spreads fragments inside fragments cannot make
 * this walk exponential, and a fragment cycle (graphql rejects those anyway)
 * ends the walk instead of looping. Introspection fields (`__typename`,
 * `__schema`, `__type`) add no depth or cost, so development tools work; an
 * alias on one still counts.
 *
 * Every occurrence of a field counts, even when the same field is selected
 * twice and graphql merges the two: an overestimate only for documents that
 * repeat themselves. `@skip`/`@include` are ignored for the same reason.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): QueryMeasures {
  const operation = getOperationAST(document, operationName);
  if (!operation) return NOTHING;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const values = variableValues(operation, variables ?? {});
  const measuredFragments = new Map<string, QueryMeasures>();
  const fragmentsInProgress = new Set<string>();

  function measureSelectionSet(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): QueryMeasures {
    const total = { ...NOTHING };
    for (const selection of selectionSet.selections) {
      const measures = measureSelection(selection, parentType);
      total.depth = Math.max(total.depth, measures.depth);
      total.aliases += measures.aliases;
      total.cost += measures.cost;
    }
    return total;
  }

  function measureSelection(selection: SelectionNode, parentType: GraphQLNamedType | undefined): QueryMeasures {
    switch (selection.kind) {
      case Kind.FIELD:
        return measureField(selection, parentType);
      case Kind.INLINE_FRAGMENT: {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        return measureSelectionSet(selection.selectionSet, type ?? undefined);
      }
      case Kind.FRAGMENT_SPREAD:
        return measureFragment(selection.name.value);
    }
  }

  function measureFragment(name: string): QueryMeasures {
    const measured = measuredFragments.get(name);
    if (measured) return measured;
    const fragment = fragments.get(name);
    if (!fragment || fragmentsInProgress.has(name)) return NOTHING;
    fragmentsInProgress.add(name);
    const measures = measureSelectionSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
    fragmentsInProgress.delete(name);
    measuredFragments.set(name, measures);
    return measures;
  }

  function measureField(field: FieldNode, parentType: GraphQLNamedType | undefined): QueryMeasures {
    const aliases = field.alias ? 1 : 0;
    if (field.name.value.startsWith('__')) return { depth: 0, aliases, cost: 0 };
    const definition = fieldDefinition(parentType, field.name.value);
    const children = field.selectionSet
      ? measureSelectionSet(field.selectionSet, definition && getNamedType(definition.type))
      : NOTHING;
    return {
      depth: 1 + children.depth,
      aliases: aliases + children.aliases,
      cost: COST_MODEL.fieldCost + itemCount(field, definition, parentType) * children.cost,
    };
  }

  /** How many times the field's selection runs: 1, or the size of the list it returns. */
  function itemCount(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, parentType: GraphQLNamedType | undefined): number {
    if (!definition) return 1;
    const args = argumentValues(field, definition, values);
    if (isConnection(getNamedType(definition.type))) return size(args.first, COST_MODEL.defaultPageSize);
    if (!isListType(getNullableType(definition.type))) return 1;
    // `edges` of a connection: already counted by the connection's `first`.
    if (parentType && isConnection(parentType)) return 1;
    // `nodes(ids:)` returns one item per id (graphql coerces a lone id to a list of one).
    if ('ids' in args) return Array.isArray(args.ids) ? args.ids.length : 1;
    return size(args.first, COST_MODEL.defaultListSize);
  }

  return measureSelectionSet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

function fieldDefinition(parentType: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
}

/** A connection, by the Relay naming convention the schema follows. */
function isConnection(type: GraphQLNamedType): boolean {
  return (isObjectType(type) || isInterfaceType(type)) && type.name.endsWith('Connection');
}

/** The variables as sent, with the operation's defaults for those not sent. */
function variableValues(operation: OperationDefinitionNode, sent: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (sent[name] !== undefined) values[name] = sent[name];
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

/** The field's arguments: written in the query (literals or variables), else the schema's defaults. */
function argumentValues(field: FieldNode, definition: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of definition.args) {
    if (argument.defaultValue !== undefined) args[argument.name] = argument.defaultValue;
  }
  for (const argument of field.arguments ?? []) {
    const value = valueFromASTUntyped(argument.value, variables);
    if (value !== undefined) args[argument.name.value] = value;
  }
  return args;
}

/** A list size argument, if it is one; a missing or malformed one (refused at execution anyway) counts as the default. */
function size(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}
