/** What the client needs to know about an operation, read from its text. */
export interface OperationInfo {
  kind: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
  /** Each variable's named type, e.g. `{ input: 'SubmitComplaintInput' }` (lists left out). */
  variableTypes: Record<string, string>;
}

/** The text of a document: a generated `TypedDocumentString` or a plain string. */
export function documentText(document: unknown): string {
  const text = typeof document === 'string' || document instanceof String ? document.toString() : undefined;
  if (text === undefined || text.trim() === '' || text.startsWith('[object')) {
    throw new TypeError('request: the document must be a GraphQL string or a generated …Document of @aduan/sdk');
  }
  return text;
}

/**
 * The first operation of a document: its kind, name and variable types. A
 * small scan rather than a GraphQL parser, so the SDK needs no `graphql` at run
 * time: it skips comments, strings and fragment definitions, and reads the
 * operation's header up to its selection set.
 */
export function describeOperation(text: string): OperationInfo {
  const source = text.replace(/"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|#[^\n\r]*/g, ' ');
  const anonymous: OperationInfo = { kind: 'query', name: undefined, variableTypes: {} };
  let depth = 0;
  let inFragment = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '{') {
      // A selection set at the top level is a fragment's body, or the `{ … }` shorthand of an anonymous query.
      if (depth === 0 && !inFragment) return anonymous;
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) inFragment = false;
    } else if (depth === 0) {
      const word = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(index))?.[0];
      if (!word) continue;
      if (word === 'query' || word === 'mutation' || word === 'subscription') {
        const header = source.slice(index + word.length, source.indexOf('{', index));
        const name = /^\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(header)?.[1];
        const variableTypes: Record<string, string> = {};
        for (const match of header.matchAll(/\$([_A-Za-z][_0-9A-Za-z]*)\s*:\s*([_A-Za-z][_0-9A-Za-z]*)/g)) {
          variableTypes[match[1]] = match[2];
        }
        return { kind: word, name, variableTypes };
      }
      if (word === 'fragment') inFragment = true;
      index += word.length - 1;
    }
  }
  return anonymous;
}
