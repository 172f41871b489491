import { GraphQLError, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, IRules, or, shield } from 'graphql-shield';
import { RULES } from '../auth/permissions';
import type { RequestContext } from './context';

/**
 * Who may call what, field by field, deny by default: a field missing here is
 * refused (and test/access/schema-walk.spec.ts fails). Public fields are
 * allowed one by one. Types whose every field has one rule name it for the
 * whole type.
 */
export const RULE_MAP: IRules = {
  Query: {
    node: allow, // the fetchers answer null for what the caller may not see
    nodes: allow,
    programs: allow,
    channels: allow,
    regions: allow,
    viewer: RULES.authenticated,
    complaint: RULES.authenticated, // scoped in SQL: null outside the caller's reach
    complaints: RULES.authenticated, // scoped in SQL
    trackComplaint: allow,
  },
  Mutation: {
    createOrganisation: RULES.administrator,
    createApiClient: RULES.administrator,
    rotateClientSecret: RULES.administrator,
    revokeOldClientSecrets: RULES.administrator,
    setApiClientDisabled: RULES.administrator,
    submitComplaint: or(RULES.intake, RULES.handler),
    escalateComplaint: RULES.handler,
    resolveComplaint: RULES.handler,
  },
  // Reachable only through fields above that already checked the caller; the
  // services decide what each role sees inside (masking, internal events).
  Complaint: RULES.authenticated,
  Complainant: RULES.authenticated,
  ComplaintConnection: RULES.authenticated,
  ComplaintEdge: RULES.authenticated,
  ComplaintEvent: RULES.authenticated,
  ComplaintEventConnection: RULES.authenticated,
  ComplaintEventEdge: RULES.authenticated,
  ApiClient: RULES.administrator,
  CreateOrganisationPayload: RULES.administrator,
  ApiClientSecretPayload: RULES.administrator,
  ApiClientPayload: RULES.administrator,
  PageInfo: allow,
  UserError: allow,
  SubmitComplaintPayload: RULES.authenticated,
  EscalateComplaintPayload: RULES.authenticated,
  ResolveComplaintPayload: RULES.authenticated,
  ComplaintTracking: allow,
  PublicResponse: allow,
  Region: allow,
  Program: allow,
  Channel: allow,
  Organisation: RULES.authenticated,
  Viewer: RULES.authenticated,
};

export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(
    schema,
    shield(RULE_MAP, {
      fallbackRule: deny,
      // Its default is an INTERNAL_SERVER_ERROR "Not Authorised!". Ours: without a
      // token, UNAUTHENTICATED (get one); with one, FORBIDDEN (your role may never).
      fallbackError: async (_thrown, _parent, _args, shieldCtx, info) => {
        const ctx = shieldCtx as unknown as RequestContext;
        return ctx.principal.kind === 'public'
          ? new GraphQLError(`${info.parentType.name}.${info.fieldName} needs a token: get one from POST /oauth/token.`, { extensions: { code: 'UNAUTHENTICATED' } })
          : new GraphQLError(`Your client may not use ${info.parentType.name}.${info.fieldName}.`, { extensions: { code: 'FORBIDDEN' } });
      },
      // Errors thrown by resolvers (BAD_USER_INPUT …) pass through unchanged instead of becoming "Not Authorised!".
      allowExternalErrors: true,
      debug: false,
    }),
  );
}
