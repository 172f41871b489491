import { ApolloServerPlugin } from '@apollo/server';
import { BREAK, DocumentNode, GraphQLError, visit } from 'graphql';
import { wordsError } from '../graphql/errors';
import { words } from '../words';
import { RequestContext } from '../graphql/context';

const NUL = '\u0000';

/**
 * Refuses text containing U+0000 anywhere in a request's variables or string
 * literals, as BAD_USER_INPUT (HTTP 400), before anything runs. PostgreSQL
 * cannot store NUL in text, so without this every mutation that writes a
 * string turned it into an internal error; no legitimate text needs it.
 */
export function nulCharacterPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const where = nulInVariables(request.variables) ?? nulInLiterals(document);
          if (where) {
            throw wordsError(words('request.nulCharacter', { where }), { code: 'BAD_USER_INPUT', field: where, http: { status: 400 } });
          }
        },
      };
    },
  };
}

/** The path of the first string with a NUL (`$input.complainant.name`), walked without recursion: variables may nest deep. */
function nulInVariables(variables: Record<string, unknown> | undefined): string | undefined {
  const stack: [unknown, string][] = Object.entries(variables ?? {}).map(([name, value]) => [value, `$${name}`]);
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, `${path}.${index}`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(NUL)) return path;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

function nulInLiterals(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes(NUL)) return undefined;
      found = node.loc ? `the string at line ${node.loc.startToken.line}, column ${node.loc.startToken.column}` : 'a string literal';
      return BREAK;
    },
  });
  return found;
}
