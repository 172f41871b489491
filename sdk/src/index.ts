export { createClient } from './client.js';
export type { AduanClient, ClientOptions } from './client.js';
export { AduanError } from './errors.js';
export { officerSubjectToken } from './auth.js';
export type { Officer as ActingOfficer } from './auth.js';
export type { UploadComplainantEvidence, UploadComplainantEvidenceResult, UploadEvidence, UploadEvidenceOptions, UploadEvidenceResult } from './evidence.js';
export type { AduanErrorCode, AduanErrorDetails, GraphQLErrorEntry } from './errors.js';
export type { FetchFunction, RetryOptions } from './http.js';
export { newIdempotencyKey } from './idempotency.js';
export { paginate } from './paginate.js';
export type { Connection } from './paginate.js';
export type { OptionalIdempotencyKey, RequestFunction, RequestOptions, RequestVariables, VariablesAndOptions } from './request.js';
export { SDK_VERSION } from './version.js';
export { verifyWebhook, WEBHOOK_HEADERS } from './webhooks.js';
export type { VerifyWebhookOptions, WebhookComplaint, WebhookEvent } from './webhooks.js';
export type { Operations } from './generated/operations.js';
// Every operation's document (`…Document`), its result and variables types, and the schema's enums and inputs.
export * from './generated/graphql.js';
