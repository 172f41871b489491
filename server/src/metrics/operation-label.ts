import { DocumentNode, FragmentDefinitionNode, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/**
 * What a GraphQL request is called in metrics and logs: the root field it
 * calls (`submitComplaint`, `complaints`), never the client's operation name.
 * Operation names are free text chosen by every integrator; root fields are a
 * fixed set from the schema, so the label set stays bounded however many
 * clients, versions and typos there are.
 */
export interface OperationLabel {
  /** A root field of the schema, or one of the special values below. */
  operation: string;
  /** `query`, `mutation`, or `none` when no operation ran. */
  type: 'query' | 'mutation' | 'subscription' | 'none';
}

/** Two or more different root fields in one request (e.g. `{ programs channels }`). */
export const MULTIPLE_ROOT_FIELDS = '_multiple';
/** Only `__schema`, `__type` or `__typename`: IDEs and health probes. */
export const INTROSPECTION_ONLY = '_introspection';
/** No operation was resolved: malformed body, parse or validation failure, refused before parsing. */
export const NO_OPERATION = '_none';

export const UNRESOLVED: OperationLabel = { operation: NO_OPERATION, type: 'none' };

export function operationLabel(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined): OperationLabel {
  if (!operation) return UNRESOLVED;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return UNRESOLVED;
  const known = rootType.getFields();
  const fields = new Set<string>();
  for (const name of rootFieldNames(document, operation.selectionSet)) {
    if (name.startsWith('__')) continue;
    // Validation refuses unknown fields before this runs; the guard keeps free text out anyway.
    fields.add(name in known ? name : NO_OPERATION);
  }
  const type = operation.operation;
  if (fields.size === 0) return { operation: INTROSPECTION_ONLY, type };
  if (fields.size > 1) return { operation: MULTIPLE_ROOT_FIELDS, type };
  return { operation: [...fields][0], type };
}

/** Root field names, through inline fragments and fragment spreads, each fragment read once. */
function rootFieldNames(document: DocumentNode, selectionSet: SelectionSetNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names: string[] = [];
  const read = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!read.has(selection.name.value)) {
        read.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return names;
}
