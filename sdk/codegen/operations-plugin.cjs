// One typed client method per operation document in sdk/src/operations.
//
// Conventions it enforces (codegen fails otherwise, naming the document):
// every operation is named, selects exactly one root field, and its name is
// that field's name in PascalCase, or starts with it (ComplaintTimeline reads
// `complaint`). The method is the operation's name in camelCase and answers
// the root field's value:
//   no variables      name(options?)
//   one variable      name(value, options?)      e.g. trackComplaint(trackingCode)
//   several           name(variables, options?)  e.g. complaints({ first, filter })
// An input with an `idempotencyKey` field takes it optionally: the client makes
// one when it is missing and keeps it across its own retries.
const { readFileSync } = require('node:fs');
const { Kind, isInputObjectType } = require('graphql');

function pascal(name) {
  return name[0].toUpperCase() + name.slice(1);
}

function camel(name) {
  return name[0].toLowerCase() + name.slice(1);
}

function jsdoc(lines, indent) {
  const text = lines
    .filter(Boolean)
    .join('\n\n')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((line) => `${indent} *${line ? ` ${line}` : ''}`)
    .join('\n');
  return `${indent}/**\n${text}\n${indent} */\n`;
}

/** Input object types with an `idempotencyKey` field: their creating mutations are safe to retry. */
function idempotentInputTypes(schema) {
  return Object.values(schema.getTypeMap())
    .filter((type) => isInputObjectType(type) && !type.name.startsWith('__') && 'idempotencyKey' in type.getFields())
    .map((type) => type.name)
    .sort();
}

/** The `#` comment lines right above `query Name` / `mutation Name` in the document's file, if any. */
function leadingComment(source, name) {
  const match = new RegExp(`((?:^#.*\\n)+)(?:query|mutation) ${name}\\b`, 'm').exec(source);
  return match ? match[1].split('\n').map((line) => line.replace(/^#\s?/, '')).join(' ').trim() : undefined;
}

function describeOperation(schema, operation, location, source) {
  const where = `${location ?? 'sdk/src/operations'}: ${operation.name ? operation.name.value : 'an anonymous operation'}`;
  if (!operation.name) throw new Error(`${where}: every SDK operation needs a name`);
  if (operation.operation === 'subscription') throw new Error(`${where}: subscriptions are not supported by the SDK`);
  const fields = operation.selectionSet.selections.filter((s) => !(s.kind === Kind.FIELD && s.name.value.startsWith('__')));
  if (fields.length !== 1 || fields[0].kind !== Kind.FIELD || fields[0].alias) {
    throw new Error(`${where}: an SDK operation selects exactly one root field, without an alias`);
  }
  const rootField = fields[0].name.value;
  const name = operation.name.value;
  if (!name.startsWith(pascal(rootField))) {
    throw new Error(`${where}: the operation's name must be its root field's name in PascalCase (${pascal(rootField)}…)`);
  }
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const field = rootType.getFields()[rootField];
  if (!field) throw new Error(`${where}: ${rootType.name}.${rootField} is not in the schema`);
  const suffix = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const variables = operation.variableDefinitions.map((definition) => {
    const typeName = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    const namedType = schema.getType(nameOfTypeNode(definition.type));
    return {
      name: definition.variable.name.value,
      required: definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue,
      idempotent: typeName.kind === Kind.NAMED_TYPE && isInputObjectType(namedType) && 'idempotencyKey' in namedType.getFields(),
    };
  });
  return {
    name,
    method: camel(name),
    kind: operation.operation,
    rootField,
    // An operation that is not simply its root field says what it is in a comment above it.
    description: (name !== pascal(rootField) && leadingComment(source, name)) || field.description,
    resultType: `Types.${name}${suffix}`,
    variablesType: `Types.${name}${suffix}Variables`,
    document: `Types.${name}Document`,
    variables,
  };
}

function nameOfTypeNode(node) {
  return node.kind === Kind.NAMED_TYPE ? node.name.value : nameOfTypeNode(node.type);
}

function signature(op) {
  const options = 'options?: RequestOptions';
  if (op.variables.length === 0) return { params: options, call: 'undefined' };
  if (op.variables.length === 1) {
    const [v] = op.variables;
    let type = `${op.variablesType}['${v.name}']`;
    if (v.idempotent) type = `OptionalIdempotencyKey<${type}>`;
    return { params: `${v.name}${v.required ? '' : '?'}: ${type}, ${options}`, call: `{ ${v.name} }` };
  }
  const allOptional = op.variables.every((v) => !v.required);
  return { params: `variables${allOptional ? '?' : ''}: RequestVariables<${op.variablesType}>, ${options}`, call: 'variables' };
}

exports.plugin = function plugin(schema, documents, config) {
    const operations = [];
    for (const { document, location, rawSDL } of documents) {
      // The file itself: rawSDL is the document re-printed, without its comments.
      const source = location ? readFileSync(location, 'utf8') : rawSDL ?? '';
      for (const definition of document.definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(describeOperation(schema, definition, location, source));
      }
    }
    operations.sort((a, b) => a.method.localeCompare(b.method));
    const seen = new Set();
    for (const op of operations) {
      if (seen.has(op.method)) throw new Error(`two SDK operations are named ${op.name}`);
      seen.add(op.method);
    }

    const out = [];
    out.push(`import type * as Types from '${config.typesModule}';`);
    out.push(`import * as Documents from '${config.typesModule}';`);
    out.push(`import type { OptionalIdempotencyKey, RequestFunction, RequestOptions, RequestVariables } from '${config.runtimeModule}';`);
    out.push('');
    out.push(jsdoc(['Input types with an `idempotencyKey` field. The client fills one in when a variable of such a type has none.'], '').trimEnd());
    out.push(`export const IDEMPOTENT_INPUT_TYPES: readonly string[] = ${JSON.stringify(idempotentInputTypes(schema))};`);
    out.push('');
    out.push(jsdoc(['One method per operation of the API (sdk/src/operations/*.graphql), answering its root field.'], '').trimEnd());
    out.push('export interface Operations {');
    for (const op of operations) {
      const { params } = signature(op);
      const notes = [op.description];
      if (op.variables.some((v) => v.idempotent)) {
        notes.push('`idempotencyKey` may be left out: the client makes one, and sends the same one on its own retries. Give your own to stay safe across restarts.');
      }
      notes.push(`Operation \`${op.name}\` (\`${op.kind} { ${op.rootField} }\`).`);
      out.push(jsdoc(notes, '  ') + `  ${op.method}(${params}): Promise<${op.resultType}['${op.rootField}']>;`);
    }
    out.push('}');
    out.push('');
    out.push('/** The methods of `Operations`, each a call of `request` with its document. */');
    out.push('export function bindOperations(request: RequestFunction): Operations {');
    out.push('  return {');
    for (const op of operations) {
      const { params, call } = signature(op);
      const args = call === 'undefined' ? 'undefined, options' : `${call}, options`;
      out.push(`    async ${op.method}(${params}) {`);
      out.push(`      return (await request(Documents.${op.name}Document, ${args})).${op.rootField};`);
      out.push('    },');
    }
    out.push('  };');
    out.push('}');
    return out.join('\n') + '\n';
};
