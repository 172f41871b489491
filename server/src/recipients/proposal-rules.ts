import { EntityManager } from 'typeorm';
import { DtksStatus } from '../common/enums';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import { isKkNumber, validateNik } from './nik';
import { RecipientChangeKind } from './recipient-change-proposal.entity';
import { RecipientDataInput } from './change-proposal.types';
import { RecipientRow } from './recipient.types';
import { words } from '../words';

/**
 * Checks shared by proposing and reviewing a change: the fields of a person's
 * register data, and the family (KK) rules — a family lives in one village and
 * has one head.
 */

/** Register data as a proposal holds it: every field for ADD, the changed ones for UPDATE (the rest null). */
export interface ProposedData {
  kkNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  isFamilyHead: boolean | null;
  address: string | null;
  dtksStatus: DtksStatus | null;
}

/** The register fields, as provenance names them (GraphQL's names). */
export const REGISTER_FIELDS = ['kkNumber', 'fullName', 'birthDate', 'sex', 'isFamilyHead', 'address', 'dtksStatus'] as const;
export type RegisterField = typeof REGISTER_FIELDS[number];

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const UPDATABLE_DTKS: readonly DtksStatus[] = [DtksStatus.REGISTERED, DtksStatus.NOT_REGISTERED, DtksStatus.PROPOSED];

/**
 * Sex as a person or an office writes it: the register's M or F, or as the KTP
 * and Dukcapil's data write it — L (laki-laki) or P (perempuan), or the words
 * in full; any case, spaces around ignored. null when it is none of these.
 */
export function sexFrom(given: string): 'M' | 'F' | null {
  return SEX_WRITTEN[given.trim().toUpperCase()] ?? null;
}

const SEX_WRITTEN: Record<string, 'M' | 'F'> = { M: 'M', F: 'F', L: 'M', P: 'F', 'LAKI-LAKI': 'M', PEREMPUAN: 'F' };

export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A free text, trimmed and checked (1–max characters, no control characters); null when refused (the error is added). */
export function checkedText(errors: UserErrors, value: string, field: string[], max: number): string | null {
  const trimmed = value.trim();
  const name = field[field.length - 1];
  if (trimmed.length < 1 || trimmed.length > max) {
    errors.add(['input', ...field], UserErrorCode.INVALID_INPUT, 'recipients.textLength', { name, max });
    return null;
  }
  if (CONTROL_CHARACTERS.test(trimmed)) {
    errors.add(['input', ...field], UserErrorCode.INVALID_INPUT, 'recipients.textControlCharacters', { name });
    return null;
  }
  return trimmed;
}

/**
 * The register data of a proposal from its input, for its kind; null (with the
 * errors added) when something is wrong. `today` is `YYYY-MM-DD`.
 */
export function checkProposedData(
  errors: UserErrors, kind: RecipientChangeKind, nik: string, input: RecipientDataInput | null | undefined, now: Date,
): ProposedData | null {
  const before = errors.list.length;
  const invalid = (field: string, message: Bilingual) => errors.add(['input', 'data', field], UserErrorCode.INVALID_INPUT, message);
  const given: RecipientDataInput = input ?? {};
  const data: ProposedData = { kkNumber: null, fullName: null, birthDate: null, sex: null, isFamilyHead: null, address: null, dtksStatus: null };
  const today = now.toISOString().slice(0, 10);

  if (kind === RecipientChangeKind.REMOVE) {
    if (REGISTER_FIELDS.some((f) => given[f] != null)) {
      errors.add(['input', 'data'], UserErrorCode.INVALID_INPUT, 'recipients.removeCarriesNoData');
    }
    return errors.list.length > before ? null : data;
  }

  if (given.fullName != null) data.fullName = checkedText(errors, given.fullName, ['data', 'fullName'], 150);
  if (given.address != null) data.address = checkedText(errors, given.address, ['data', 'address'], 300);
  if (given.kkNumber != null) {
    const kk = given.kkNumber.replace(/\s/g, '');
    if (isKkNumber(kk)) data.kkNumber = kk;
    else invalid('kkNumber', words('recipients.kkNumberFormat'));
  }
  if (given.birthDate != null) {
    if (!isCalendarDate(given.birthDate) || given.birthDate > today) invalid('birthDate', words('recipients.birthDateFormat'));
    else data.birthDate = given.birthDate;
  }
  if (given.sex != null) {
    const sex = sexFrom(given.sex);
    if (!sex) invalid('sex', words('recipients.sexFormat'));
    else data.sex = sex;
  }
  if (given.isFamilyHead != null) data.isFamilyHead = given.isFamilyHead;
  if (given.dtksStatus != null) {
    if (kind === RecipientChangeKind.ADD) invalid('dtksStatus', words('recipients.addedNotInRegisterYet'));
    else if (!UPDATABLE_DTKS.includes(given.dtksStatus)) invalid('dtksStatus', words('recipients.removeThroughRemove'));
    else data.dtksStatus = given.dtksStatus;
  }

  if (kind === RecipientChangeKind.ADD) {
    // Birth date and sex are written in the NIK: taken from it, or checked against it.
    const parsed = validateNik(nik, now);
    if (parsed.ok) {
      if (given.birthDate == null) data.birthDate = parsed.birthDate;
      else if (data.birthDate && data.birthDate !== parsed.birthDate) invalid('birthDate', words('recipients.birthDateNotNik'));
      if (given.sex == null) data.sex = parsed.sex;
      else if (data.sex && data.sex !== parsed.sex) invalid('sex', words('recipients.sexNotNik'));
    }
    for (const field of ['fullName', 'kkNumber', 'address'] as const) {
      if (given[field] == null) invalid(field, words('recipients.requiredForAdd', { field }));
    }
    data.isFamilyHead ??= false;
  } else if (REGISTER_FIELDS.every((f) => given[f] == null)) {
    errors.add(['input', 'data'], UserErrorCode.INVALID_INPUT, 'recipients.updateChangesNothing');
  }
  return errors.list.length > before ? null : data;
}

/** The fields of an UPDATE that differ from the recipient's data, the others null; and their names. */
export function changesFrom(recipient: RecipientRow, data: ProposedData): { data: ProposedData; fields: RegisterField[] } {
  const changed: ProposedData = { kkNumber: null, fullName: null, birthDate: null, sex: null, isFamilyHead: null, address: null, dtksStatus: null };
  const fields: RegisterField[] = [];
  for (const field of REGISTER_FIELDS) {
    const value = data[field];
    if (value != null && value !== recipient[field]) {
      (changed as unknown as Record<string, unknown>)[field] = value;
      fields.push(field);
    }
  }
  return { data: changed, fields };
}

export type FamilyProblem = { field: 'kkNumber' | 'isFamilyHead'; message: Bilingual } | null;

/**
 * Whether a person may be (or stay) in the family `kkNumber` in `village`, as
 * head or not: the family's other members must live in the village, and a KK
 * has one head. `exceptId` is the person themself (for an UPDATE).
 */
export async function familyProblem(
  manager: EntityManager, kkNumber: string, village: string, isFamilyHead: boolean, exceptId: string | null,
): Promise<FamilyProblem> {
  const [row]: { elsewhere: boolean; hasHead: boolean }[] = await manager.query(
    `SELECT coalesce(bool_or(region_code <> $2), FALSE) AS elsewhere, coalesce(bool_or(is_family_head), FALSE) AS "hasHead"
       FROM recipients WHERE kk_number = $1 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [kkNumber, village, exceptId],
  );
  if (row.elsewhere) {
    return { field: 'kkNumber', message: words('recipients.familyInAnotherVillage') };
  }
  if (isFamilyHead && row.hasHead) {
    return { field: 'isFamilyHead', message: words('recipients.familyHasHead') };
  }
  return null;
}
