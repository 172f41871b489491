import { EntityManager } from 'typeorm';
import { PROGRAM_BENEFITS, programStages } from './programme-schedule.data';
import { CHANNELS, PROGRAMS, SLA_POLICIES } from './reference.data';
import { insertRows } from './sql-rows';
import { fillChannelOperators } from '../channels/channel-operators';

/** Rows added, by table. */
export type ReferenceCounts = Record<'programs' | 'program_stages' | 'program_benefit_amounts' | 'channels' | 'channel_operators' | 'sla_policies', number>;

/**
 * The reference data Aduan ships (reference.data.ts, programme-schedule.data.ts),
 * added where missing, inside the caller's transaction. Rows already there are
 * not rewritten: operators change SLA policies and programmes as data, and a
 * setup after an upgrade must not undo that. Stage calendars run from the year
 * before `now` to the year after (WIB), so each later setup adds the coming year.
 * A channel without an operator gets one once its operator exists (the
 * ministry, a bank by its bank code); one already set is kept.
 */
export async function loadReferenceData(manager: EntityManager, now: Date): Promise<ReferenceCounts> {
  const programs = await insertRows(manager, 'programs', PROGRAM_TYPES, PROGRAMS, { onlyMissing: true });
  const stages = await insertRows(manager, 'program_stages', PROGRAM_STAGE_TYPES, programStages(now), { onlyMissing: true });
  const benefits = await insertRows(manager, 'program_benefit_amounts', PROGRAM_BENEFIT_TYPES, PROGRAM_BENEFITS, { onlyMissing: true });
  const channels = await insertRows(manager, 'channels', CHANNEL_TYPES, CHANNELS.map(({ operator: _, ...c }) => c), { onlyMissing: true });
  const operators = await fillChannelOperators(manager);
  const slaPolicies = await insertRows(manager, 'sla_policies', SLA_POLICY_TYPES, SLA_POLICIES, { onlyMissing: true });
  return {
    programs, program_stages: stages, program_benefit_amounts: benefits, channels, channel_operators: operators, sla_policies: slaPolicies,
  };
}

const PROGRAM_TYPES = {
  code: 'text', name: 'text', description: 'text', managingUnit: 'text', benefitForm: 'text', stagesPerYear: 'smallint', active: 'boolean',
};

const PROGRAM_STAGE_TYPES = { programCode: 'text', year: 'smallint', stage: 'smallint', firstPeriod: 'text', lastPeriod: 'text' };

const PROGRAM_BENEFIT_TYPES = {
  programCode: 'text', component: 'text', description: 'text', amountPerStage: 'bigint', unit: 'benefit_unit', validFrom: 'date', validTo: 'date',
};

const CHANNEL_TYPES = {
  code: 'text', name: 'text', kind: 'channel_kind', description: 'text', contact: 'text', serviceHours: 'text',
};

const SLA_POLICY_TYPES = {
  stage: 'sla_stage', tier: 'tier', category: 'complaint_category', programCode: 'text', duration: 'integer', unit: 'duration_unit',
  autoEscalate: 'boolean', description: 'text',
};
