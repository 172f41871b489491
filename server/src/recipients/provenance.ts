import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Complaint } from '../complaints/complaint.type';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { fromGlobalId } from '../graphql/global-id';
import { Organisation } from '../organisations/organisation.type';
import { Deliberation, RecipientChangeProposal } from './change-proposal.types';
import { ProvenanceBreak, ProvenanceBreakReason, ProvenanceVerification, RecipientProvenanceEntry } from './provenance.types';
import { findRecipientByNik } from './recipient.resolver';
import { Recipient, RecipientRow } from './recipient.types';
import { words } from '../words';

interface ChainRow {
  recipientId: string;
  seq: number;
  hash: string;
  prevHash: string | null;
  stateHash: string;
  /** The hash recomputed from the entry's content now. */
  recomputed: string;
  /** The stored hash of the entry before it (by seq). */
  previousHash: string | null;
  previousSeq: number | null;
  /** The recipient's register data hashed now. */
  currentState: string;
  proposalId: string | null;
}

/** What checking one recipient's chain found. */
export interface ChainCheck {
  intact: boolean;
  entries: number;
  headHash: string | null;
  breaks: ProvenanceBreak[];
  /** The proposals whose approval the chain records (to tell whether a given change is in it). */
  proposalIds: Set<string>;
}

/**
 * Checks recipients' provenance chains (docs/adr/0008-provenance.md) in one
 * statement: each entry's hash is recomputed from its content by the same SQL
 * function that wrote it, each entry must point at the stored hash of the one
 * before, the numbering must have no gap, and the register row must be what the
 * newest entry recorded. Every break is reported, not just the first. The one
 * rule behind verifyRecipientProvenance and the public deliberations' view
 * (docs/adr/0038).
 */
export async function checkProvenanceChains(
  db: { query: (sql: string, params: unknown[]) => Promise<any> }, recipientIds: readonly string[],
): Promise<Map<string, ChainCheck>> {
  const rows: ChainRow[] = recipientIds.length === 0 ? [] : await db.query(
    `SELECT p.recipient_id AS "recipientId", p.seq, p.hash, p.prev_hash AS "prevHash", p.state_hash AS "stateHash", recipient_provenance_hash(p) AS recomputed,
            lag(p.hash) OVER w AS "previousHash", lag(p.seq) OVER w AS "previousSeq", p.proposal_id AS "proposalId",
            (SELECT recipient_state_hash(r) FROM recipients r WHERE r.id = p.recipient_id) AS "currentState"
       FROM recipient_provenance p WHERE p.recipient_id = ANY($1::uuid[])
     WINDOW w AS (PARTITION BY p.recipient_id ORDER BY p.seq)
      ORDER BY p.recipient_id, p.seq`,
    [[...new Set(recipientIds)]],
  );
  const checks = new Map<string, ChainCheck>();
  for (const id of recipientIds) {
    const chain = rows.filter((row) => row.recipientId === id);
    const breaks: ProvenanceBreak[] = [];
    const broken = (seq: number | null, reason: ProvenanceBreakReason) => breaks.push(Object.assign(new ProvenanceBreak(), { seq, reason }));
    if (chain.length === 0) broken(null, ProvenanceBreakReason.NO_RECORD);
    for (const row of chain) {
      if ((row.previousSeq ?? 0) + 1 !== row.seq) broken(row.seq, ProvenanceBreakReason.SEQUENCE_GAP);
      if (row.prevHash !== row.previousHash) broken(row.seq, ProvenanceBreakReason.CHAIN_BROKEN);
      if (row.hash !== row.recomputed) broken(row.seq, ProvenanceBreakReason.HASH_MISMATCH);
    }
    const last = chain.at(-1);
    if (last && last.stateHash !== last.currentState) broken(last.seq, ProvenanceBreakReason.REGISTER_MISMATCH);
    checks.set(id, {
      intact: breaks.length === 0, entries: chain.length, headHash: last?.hash ?? null, breaks,
      proposalIds: new Set(chain.flatMap((row) => (row.proposalId ? [row.proposalId] : []))),
    });
  }
  return checks;
}

/** verifyRecipientProvenance's answer for one recipient. */
export async function verifyProvenance(ctx: RequestContext, recipient: RecipientRow): Promise<ProvenanceVerification> {
  const check = (await checkProvenanceChains(ctx.dataSource, [recipient.id])).get(recipient.id)!;
  return Object.assign(new ProvenanceVerification(), {
    recipient: Recipient.from(recipient),
    intact: check.intact,
    entries: check.entries,
    headHash: check.headHash,
    brokenAt: check.breaks,
    checkedAt: ctx.now(),
  });
}

@Resolver(() => RecipientProvenanceEntry)
export class RecipientProvenanceResolver {
  @Query(() => ProvenanceVerification, {
    nullable: true,
    description: 'Checks a recipient’s provenance chain and reports every break: an entry edited, removed or reordered, or register data changed without an approved change. '
      + 'Give `nik` or `recipientId`. Null when the recipient is not in the register or outside your reach. Handlers in jurisdiction and auditors.',
  })
  async verifyRecipientProvenance(
    @Ctx() ctx: RequestContext,
    @Arg('nik', () => String, { nullable: true, description: 'The recipient’s NIK (16 digits).' }) nik?: string | null,
    @Arg('recipientId', () => ID, { nullable: true, description: 'The recipient’s id (a Recipient id).' }) recipientId?: string | null,
  ): Promise<ProvenanceVerification | null> {
    if ((nik == null) === (recipientId == null)) throw badUserInput(words('recipients.oneOfNikOrRecipientId'), nik == null ? 'nik' : 'recipientId');
    let recipient: RecipientRow | null;
    if (nik != null) recipient = await findRecipientByNik(ctx, nik);
    else {
      const decoded = fromGlobalId(recipientId!);
      recipient = decoded?.typeName === 'Recipient' ? await ctx.loaders.recipientByIdLoader.load(decoded.key) : null;
    }
    return recipient && verifyProvenance(ctx, recipient);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Who proposed the change: a village office, or the office that upheld the complaint; null for IMPORTED.' })
  async proposedBy(@Root() entry: RecipientProvenanceEntry, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = entry.row.proposedByOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }

  @FieldResolver(() => Deliberation, { nullable: true, description: 'The village deliberation that recommended it; null when a complaint did, or for IMPORTED.' })
  async recommendedBy(@Root() entry: RecipientProvenanceEntry, @Ctx() ctx: RequestContext): Promise<Deliberation | null> {
    const row = entry.row.deliberationId ? await ctx.loaders.deliberationByIdLoader.load(entry.row.deliberationId) : null;
    return row && Deliberation.from(row);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'The upheld complaint that recommended it, when you may see it.' })
  async recommendingComplaint(@Root() entry: RecipientProvenanceEntry, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = entry.row.sourceComplaintId ? await ctx.loaders.complaintByIdLoader.load(entry.row.sourceComplaintId) : null;
    return row && Complaint.from(row);
  }

  @FieldResolver(() => Organisation, { description: 'Who approved it: the district/city office; for IMPORTED, the ministry (which determines DTKS).' })
  async approvedBy(@Root() entry: RecipientProvenanceEntry, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(entry.row.approvedByOrganisationId))!);
  }

  @FieldResolver(() => RecipientChangeProposal, { nullable: true, description: 'The approved proposal behind it; null for IMPORTED.' })
  async proposal(@Root() entry: RecipientProvenanceEntry, @Ctx() ctx: RequestContext): Promise<RecipientChangeProposal | null> {
    const row = entry.row.proposalId ? await ctx.loaders.recipientChangeProposalByIdLoader.load(entry.row.proposalId) : null;
    return row && RecipientChangeProposal.from(row);
  }
}
