import { GraphQLError } from 'graphql';
import { wordsError } from '../graphql/errors';
import { Said, words } from '../words';
import { Principal, PUBLIC } from './principal';
import { InvalidTokenError, TokenService } from './token.service';

/**
 * The caller of a /graphql request. No Authorization header: the public role.
 * A header that is present but not a valid, live bearer token: 401
 * UNAUTHENTICATED — never silently the public role, so a client with an expired
 * token learns it at once.
 */
export async function authenticate(tokens: TokenService, authorization: string | undefined): Promise<Principal> {
  if (authorization === undefined || authorization === '') return PUBLIC;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
  if (!match) throw unauthenticated(words('request.malformedAuthorization'));
  try {
    return await tokens.verify(match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(words('request.invalidToken', { reason: error.reason }));
    throw error;
  }
}

function unauthenticated(message: Said): GraphQLError {
  return wordsError(message, { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="aduan"']]) } });
}
