/**
 * Domain vocabularies shared by several features. Each is a PostgreSQL enum type
 * (the database refuses any other value) and a GraphQL enum (registered in
 * graphql/enums.ts with a description per value).
 */

/** The tiers of penanganan berjenjang, lowest first. */
export enum Tier {
  VILLAGE = 'VILLAGE',
  DISTRICT = 'DISTRICT',
  PROVINCE = 'PROVINCE',
  NATIONAL = 'NATIONAL',
}

export const TIER_ORDER: readonly Tier[] = [Tier.VILLAGE, Tier.DISTRICT, Tier.PROVINCE, Tier.NATIONAL];

/** Indonesia's three time zones. */
export enum TimeZone {
  WIB = 'WIB',
  WITA = 'WITA',
  WIT = 'WIT',
}

/** IANA names for the three zones, for date arithmetic. */
export const IANA_TIME_ZONE: Record<TimeZone, string> = {
  [TimeZone.WIB]: 'Asia/Jakarta',
  [TimeZone.WITA]: 'Asia/Makassar',
  [TimeZone.WIT]: 'Asia/Jayapura',
};

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  SUBDISTRICT = 'SUBDISTRICT',
  VILLAGE = 'VILLAGE',
}

export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  VERIFIED = 'VERIFIED',
  IN_PROGRESS = 'IN_PROGRESS',
  PENDING_INFO = 'PENDING_INFO',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  DUPLICATE = 'DUPLICATE',
}

export enum ComplaintCategory {
  NOT_RECEIVED = 'NOT_RECEIVED',
  WRONG_TARGET = 'WRONG_TARGET',
  AMOUNT_OR_QUALITY = 'AMOUNT_OR_QUALITY',
  LATE_DISBURSEMENT = 'LATE_DISBURSEMENT',
  FAILED_TRANSFER = 'FAILED_TRANSFER',
  ILLEGAL_LEVY = 'ILLEGAL_LEVY',
  MISUSE_OR_FRAUD = 'MISUSE_OR_FRAUD',
  DATA_ERROR = 'DATA_ERROR',
  SERVICE_CONDUCT = 'SERVICE_CONDUCT',
  INFORMATION_REQUEST = 'INFORMATION_REQUEST',
  OTHER = 'OTHER',
}

export enum ResolutionDecision {
  UPHELD = 'UPHELD',
  PARTIALLY_UPHELD = 'PARTIALLY_UPHELD',
  NOT_UPHELD = 'NOT_UPHELD',
  WITHDRAWN = 'WITHDRAWN',
  REDIRECTED = 'REDIRECTED',
}

export enum SlaState {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  BREACHED = 'BREACHED',
  PAUSED = 'PAUSED',
  MET = 'MET',
}

export enum OrganisationKind {
  MINISTRY = 'MINISTRY',
  PROVINCE_OFFICE = 'PROVINCE_OFFICE',
  DISTRICT_OFFICE = 'DISTRICT_OFFICE',
  VILLAGE_OFFICE = 'VILLAGE_OFFICE',
  BANK = 'BANK',
  NGO = 'NGO',
  PORTAL = 'PORTAL',
  AUDITOR = 'AUDITOR',
}

export enum ChannelKind {
  PHONE = 'PHONE',
  MESSAGING = 'MESSAGING',
  EMAIL = 'EMAIL',
  WEB = 'WEB',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  APP = 'APP',
  IN_PERSON = 'IN_PERSON',
  SERVICE_POINT = 'SERVICE_POINT',
  BANK_REPORT = 'BANK_REPORT',
}

export enum DtksStatus {
  REGISTERED = 'REGISTERED',
  NOT_REGISTERED = 'NOT_REGISTERED',
  PROPOSED = 'PROPOSED',
  REMOVED = 'REMOVED',
}

export enum EnrolmentStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}

export enum DisbursementStatus {
  SCHEDULED = 'SCHEDULED',
  DISBURSED = 'DISBURSED',
  FAILED = 'FAILED',
  RESENT = 'RESENT',
  RETURNED_TO_TREASURY = 'RETURNED_TO_TREASURY',
}

export enum DisbursementFailureCode {
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  ACCOUNT_DORMANT = 'ACCOUNT_DORMANT',
  ACCOUNT_CLOSED = 'ACCOUNT_CLOSED',
  NAME_MISMATCH = 'NAME_MISMATCH',
  NIK_MISMATCH = 'NIK_MISMATCH',
  DECEASED = 'DECEASED',
  DUPLICATE_ACCOUNT = 'DUPLICATE_ACCOUNT',
  OTHER = 'OTHER',
}

export enum DisbursementIssueStatus {
  OPEN = 'OPEN',
  RESENT = 'RESENT',
  RETURNED_TO_TREASURY = 'RETURNED_TO_TREASURY',
  DATA_CORRECTED = 'DATA_CORRECTED',
}

export enum SlaStage {
  VERIFICATION = 'VERIFICATION',
  RESOLUTION = 'RESOLUTION',
}

export enum DurationUnit {
  HOURS = 'HOURS',
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_DAYS = 'CALENDAR_DAYS',
}
