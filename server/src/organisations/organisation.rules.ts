import { OrganisationKind, RegionLevel, Tier } from '../common/enums';

/**
 * What an organisation's kind implies, one place for createOrganisation and the
 * offices CSV (organisation-import.ts); the database checks the same
 * (organisation_tier_matches_kind, organisation_bank_code).
 */

/** The tier a social office handles complaints at; other kinds handle none. */
export const TIER_OF_KIND: Partial<Record<OrganisationKind, Tier>> = {
  MINISTRY: Tier.NATIONAL, PROVINCE_OFFICE: Tier.PROVINCE, DISTRICT_OFFICE: Tier.DISTRICT, VILLAGE_OFFICE: Tier.VILLAGE,
};

/** The level of the region a social office's jurisdiction is: a province, a kabupaten/kota, a desa/kelurahan. */
export const JURISDICTION_LEVEL_OF_KIND: Partial<Record<OrganisationKind, RegionLevel>> = {
  PROVINCE_OFFICE: RegionLevel.PROVINCE, DISTRICT_OFFICE: RegionLevel.DISTRICT, VILLAGE_OFFICE: RegionLevel.VILLAGE,
};

/** The length of such a region's code (`32`, `32.73`, `32.73.01.1001`). */
export const CODE_LENGTH_OF_KIND: Partial<Record<OrganisationKind, number>> = { PROVINCE_OFFICE: 2, DISTRICT_OFFICE: 5, VILLAGE_OFFICE: 13 };

/** A bank's short code in disbursement data (BRI, BNI, MANDIRI, BSI): what organisations.bank_code holds, varchar(20) and unique. */
export const BANK_CODE = /^[A-Z0-9_]{2,20}$/;

/** An organisation's stable key for the offices CSV (organisations.code): `dinsos-3273`, `bank-bri`. */
export const ORGANISATION_CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;

/** An API client's client_id (api_clients.client_id). */
export const CLIENT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
