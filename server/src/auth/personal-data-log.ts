import type { RequestContext } from '../graphql/context';

export interface PersonalDataRead { subjectType: string; subjectId: string; field: string }

/**
 * Notes that this request returns a full NIK, KK number or phone number.
 * Collected per request and written once, before the response leaves
 * (flushPersonalDataReads, called by the HTTP layer): one INSERT per request,
 * however many rows the page had.
 */
export function notePersonalDataRead(ctx: RequestContext, read: PersonalDataRead): void {
  if (ctx.principal.kind !== 'client') return;
  const key = `${read.subjectType}:${read.subjectId}:${read.field}`;
  if (!ctx.personalDataReads.has(key)) ctx.personalDataReads.set(key, read);
}

export async function flushPersonalDataReads(ctx: RequestContext): Promise<void> {
  if (ctx.principal.kind !== 'client' || ctx.personalDataReads.size === 0) return;
  const reads = [...ctx.personalDataReads.values()];
  ctx.personalDataReads.clear();
  // On the primary even when the request read from a replica: a replica takes no writes.
  await ctx.primary.query(
    `INSERT INTO personal_data_access_log (api_client_id, organisation_id, subject_type, subject_id, field, request_id, officer_id, officer_name)
     SELECT $1, $2, r.subject_type, r.subject_id, r.field, $3, $7, $8
       FROM unnest($4::text[], $5::uuid[], $6::text[]) AS r(subject_type, subject_id, field)`,
    [ctx.principal.apiClientId, ctx.principal.organisationId, ctx.requestId,
      reads.map((r) => r.subjectType), reads.map((r) => r.subjectId), reads.map((r) => r.field),
      // The officer the client read it for (docs/adr/0030-officers.md); null for a plain client token.
      ctx.principal.officer?.rowId ?? null, ctx.principal.officer?.displayName ?? null],
  );
}
