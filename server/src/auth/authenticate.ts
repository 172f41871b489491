import { GraphQLError } from 'graphql';
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
  if (!match) throw unauthenticated('the Authorization header must be `Bearer <access token>`');
  try {
    return await tokens.verify(match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(`${error.message}; get a new token from POST /oauth/token`);
    throw error;
  }
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer realm="aduan"']]) } } });
}
