import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FragmentDefinitionNode, Kind, OperationDefinitionNode, parse, visit } from 'graphql';

/**
 * The SDK's examples of each root field, read from the SDK itself: the
 * operation documents (sdk/src/operations/*.graphql) and the generated client
 * methods (sdk/src/generated/operations.ts, `npm run codegen`). Nothing is
 * written by hand, so an example cannot drift from what the SDK does.
 */
export interface SdkExample {
  /** The operation's name, e.g. `SubmitComplaint`. */
  operation: string;
  kind: 'query' | 'mutation';
  rootField: string;
  /** The file it is in, relative to the repository, e.g. `sdk/src/operations/intake.graphql`. */
  file: string;
  /** The operation as written, with the fragments it uses (transitively) after it. */
  document: string;
  /** The client's method, e.g. `submitComplaint`. */
  method: string;
  /** The method's parameters as generated, with the types as `@aduan/sdk` exports them, e.g. `input: OptionalIdempotencyKey<…>, options?: RequestOptions`. */
  parameters: string;
  /** A call of the method: `client.submitComplaint(input)`. */
  call: string;
}

export interface SdkSources {
  /** `sdk/src/operations/<name>.graphql` → its text. */
  operationFiles: Record<string, string>;
  /** sdk/src/generated/operations.ts. */
  generatedOperations: string;
}

/** The SDK's sources under the repository root. */
export function readSdkSources(root: string): SdkSources {
  const dir = path.join(root, 'sdk/src/operations');
  const operationFiles: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    operationFiles[`sdk/src/operations/${name}`] = readFileSync(path.join(dir, name), 'utf8');
  }
  return { operationFiles, generatedOperations: readFileSync(path.join(root, 'sdk/src/generated/operations.ts'), 'utf8') };
}

/** `  submitComplaint(input: …, options?: RequestOptions): Promise<Types.SubmitComplaintMutation['submitComplaint']>;` in the Operations interface. */
const METHOD = /^ {2}(\w+)\((.*)\): Promise<Types\.(\w+?)(Query|Mutation)\['(\w+)'\]>;$/gm;

/** Every SDK example, by `query.<field>` / `mutation.<field>`. */
export function sdkExamples(sources: SdkSources): Map<string, SdkExample[]> {
  const methods = new Map<string, { method: string; parameters: string; rootField: string }>();
  for (const match of sources.generatedOperations.matchAll(METHOD)) {
    methods.set(match[3], { method: match[1], parameters: match[2], rootField: match[5] });
  }
  const sources_ = Object.entries(sources.operationFiles).map(([file, text]) => ({ file, text, document: parse(text) }));
  const fragments = new Map<string, { text: string; node: FragmentDefinitionNode }>();
  for (const { text, document } of sources_) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, { text: sliceOf(text, definition), node: definition });
    }
  }
  const examples = new Map<string, SdkExample[]>();
  for (const { file, text, document } of sources_) {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name || definition.operation === 'subscription') continue;
      const name = definition.name.value;
      const generated = methods.get(name);
      if (!generated) throw new Error(`api-reference: ${file}: ${name} has no method in sdk/src/generated/operations.ts (run npm run codegen)`);
      const used = fragmentsUsed(definition, fragments);
      const kind = definition.operation;
      const example: SdkExample = {
        operation: name,
        kind,
        rootField: generated.rootField,
        file,
        document: [sliceOf(text, definition), ...used.map((f) => fragments.get(f)!.text)].join('\n\n'),
        method: generated.method,
        parameters: generated.parameters.replace(/\bTypes\./g, ''),
        call: `client.${generated.method}(${callArguments(definition)})`,
      };
      const key = `${kind}.${generated.rootField}`;
      examples.set(key, [...(examples.get(key) ?? []), example]);
    }
  }
  for (const list of examples.values()) list.sort((a, b) => a.operation.localeCompare(b.operation));
  return examples;
}

/** The arguments as the generated method takes them (sdk/codegen/operations-plugin.cjs): none, the one variable, or an object of all. */
function callArguments(operation: OperationDefinitionNode): string {
  const names = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0];
  return `{ ${names.join(', ')} }`;
}

function sliceOf(text: string, node: { loc?: { start: number; end: number } }): string {
  return text.slice(node.loc!.start, node.loc!.end);
}

/** The fragments an operation spreads, and those they spread, in the order first met. */
function fragmentsUsed(operation: OperationDefinitionNode, fragments: Map<string, { node: FragmentDefinitionNode }>): string[] {
  const found: string[] = [];
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (found.includes(name)) return;
        found.push(name);
        const fragment = fragments.get(name);
        if (fragment) walk(fragment.node);
      },
    });
  };
  walk(operation);
  return found;
}
