import { DataSource } from 'typeorm';
import { Principal, Role } from '../auth/principal';
import { complaintScopeSql } from '../complaints/complaint-scope';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { OrganisationEntity } from '../organisations/organisation.entity';
import {
  CASE_CONFERENCE_COLUMNS, CaseConferenceActionRow, CaseConferenceRow, HOME_VISIT_COLUMNS, HomeVisitRow,
} from './case-handling.types';
import { UUID } from '../common/uuid';


/** Case conferences and home visits are the offices' work: handlers and auditors see them, nobody else. */
export function seesCaseHandling(principal: Principal): boolean {
  return principal.kind === 'client' && (principal.role === Role.HANDLER || principal.role === Role.AUDITOR);
}

/**
 * Which case conferences a caller may see, as a SQL condition on
 * `case_conferences cc`: auditors all, handlers those about at least one
 * complaint in their jurisdiction (a conference may bring complaints of
 * several districts together), and every organisation those it was invited to
 * (docs/adr/0031-workspace-api.md).
 */
export function caseConferenceScopeSql(principal: Principal, params: unknown[], options: { invited?: boolean } = {}): string {
  if (principal.kind !== 'client') return 'FALSE';
  // Recording a conference stays with the offices whose complaints it is about (options.invited false).
  if (options.invited === false) {
    return seesCaseHandling(principal)
      ? `EXISTS (SELECT 1 FROM case_conference_complaints k JOIN complaints c ON c.id = k.complaint_id WHERE k.case_conference_id = cc.id AND (${complaintScopeSql(principal, params)}))`
      : 'FALSE';
  }
  // Any organisation invited reads the conference it was invited to (a bank, an NGO, an office of another district).
  const invited = `EXISTS (SELECT 1 FROM case_conference_participants p WHERE p.case_conference_id = cc.id AND p.organisation_id = $${params.push(principal.organisationId)})`;
  if (!seesCaseHandling(principal)) return invited;
  return `(${invited} OR EXISTS (SELECT 1 FROM case_conference_complaints k JOIN complaints c ON c.id = k.complaint_id
                   WHERE k.case_conference_id = cc.id AND (${complaintScopeSql(principal, params)})))`;
}

/** Home visits of complaints the caller sees, for handlers and auditors; a condition on `home_visits v` joined to `complaints c`. */
export function homeVisitScopeSql(principal: Principal, params: unknown[]): string {
  return seesCaseHandling(principal) ? complaintScopeSql(principal, params) : 'FALSE';
}

const uuids = (keys: readonly string[]) => keys.filter((k) => UUID.test(k));

export function createCaseHandlingLoaders(dataSource: DataSource, principal: () => Principal) {
  return {
    /** Case conferences by id, within the caller's reach: outside it is the same as missing. */
    caseConferenceByIdLoader: keyedLoader<string, CaseConferenceRow>(async (ids) => {
      const params: unknown[] = [uuids(ids)];
      const scope = caseConferenceScopeSql(principal(), params);
      return dataSource.query(`SELECT ${CASE_CONFERENCE_COLUMNS} FROM case_conferences cc WHERE cc.id = ANY($1::uuid[]) AND (${scope})`, params);
    }, (row) => row.id),

    /** The conferences about each complaint (which the caller has already been allowed to see), by date. */
    caseConferencesByComplaintLoader: groupedLoader<string, CaseConferenceRow & { complaintId: string }>(async (ids) => {
      if (!seesCaseHandling(principal())) return [];
      return dataSource.query(
        `SELECT k.complaint_id AS "complaintId", ${CASE_CONFERENCE_COLUMNS}
           FROM case_conference_complaints k JOIN case_conferences cc ON cc.id = k.case_conference_id
          WHERE k.complaint_id = ANY($1::uuid[]) ORDER BY cc.scheduled_at, cc.id`,
        [uuids(ids)],
      );
    }, (row) => row.complaintId),

    /** The complaints of each conference that the caller may see. */
    complaintsByCaseConferenceLoader: groupedLoader<string, ComplaintRow & { caseConferenceId: string }>(async (ids) => {
      const params: unknown[] = [uuids(ids)];
      const scope = complaintScopeSql(principal(), params);
      return dataSource.query(
        `SELECT k.case_conference_id AS "caseConferenceId", ${COMPLAINT_COLUMNS}
           FROM case_conference_complaints k JOIN complaints c ON c.id = k.complaint_id
          WHERE k.case_conference_id = ANY($1::uuid[]) AND (${scope}) ORDER BY c.created_at, c.id`,
        params,
      );
    }, (row) => row.caseConferenceId),

    /** The organisations taking part in each conference, by name. */
    participantsByCaseConferenceLoader: groupedLoader<string, OrganisationEntity & { caseConferenceId: string }>(async (ids) => dataSource.query(
      `SELECT p.case_conference_id AS "caseConferenceId", o.id, o.code, o.name, o.kind, o.tier,
              o.jurisdiction_region_code AS "jurisdictionRegionCode", o.bank_code AS "bankCode"
         FROM case_conference_participants p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.case_conference_id = ANY($1::uuid[]) ORDER BY o.name, o.id`,
      [uuids(ids)],
    ), (row) => row.caseConferenceId),

    /** Each conference's follow-up actions, in the order recorded. */
    // An invited bank or NGO sees only the actions its organisation owns; offices and auditors all of them.
    actionsByCaseConferenceLoader: groupedLoader<string, CaseConferenceActionRow>(async (ids) => {
      const caller = principal();
      const own = !seesCaseHandling(caller) && caller.kind === 'client';
      return dataSource.query(
        `SELECT a.id, a.case_conference_id AS "caseConferenceId", a.description, a.responsible_organisation_id AS "responsibleOrganisationId", a.due_on AS "dueOn"
           FROM case_conference_actions a WHERE a.case_conference_id = ANY($1::uuid[])${own ? ' AND a.responsible_organisation_id = $2' : ''} ORDER BY a.position, a.id`,
        own ? [uuids(ids), caller.organisationId] : [uuids(ids)],
      );
    }, (row) => row.caseConferenceId),

    /** Home visits by id, within the caller's reach. */
    homeVisitByIdLoader: keyedLoader<string, HomeVisitRow>(async (ids) => {
      const params: unknown[] = [uuids(ids)];
      const scope = homeVisitScopeSql(principal(), params);
      return dataSource.query(
        `SELECT ${HOME_VISIT_COLUMNS} FROM home_visits v JOIN complaints c ON c.id = v.complaint_id WHERE v.id = ANY($1::uuid[]) AND (${scope})`,
        params,
      );
    }, (row) => row.id),

    /** Each complaint's home visits (the complaint already seen by the caller), by date. */
    homeVisitsByComplaintLoader: groupedLoader<string, HomeVisitRow>(async (ids) => {
      if (!seesCaseHandling(principal())) return [];
      return dataSource.query(
        `SELECT ${HOME_VISIT_COLUMNS} FROM home_visits v WHERE v.complaint_id = ANY($1::uuid[]) ORDER BY v.scheduled_for, v.id`,
        [uuids(ids)],
      );
    }, (row) => row.complaintId),
  };
}
