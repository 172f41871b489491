import { registerEnumType } from 'type-graphql';
import { ChannelKind, ComplaintCategory, ComplaintStatus, OrganisationKind, RegionLevel, ResolutionDecision, SlaState, Tier, TimeZone } from '../common/enums';
import { NotificationChannel } from '../notifications/transport';

/** Registers the shared domain enums with GraphQL, each value described. */
registerEnumType(Tier, {
  name: 'Tier',
  description: 'The tiers of tiered handling (penanganan berjenjang), lowest first.',
  valuesConfig: {
    VILLAGE: { description: 'Village or kelurahan office (desa/kelurahan), with Puskesos.' },
    DISTRICT: { description: 'District or city social office (Dinas Sosial kabupaten/kota), with SLRT.' },
    PROVINCE: { description: 'Provincial social office (Dinas Sosial provinsi).' },
    NATIONAL: { description: 'The Ministry of Social Affairs (Kemensos) complaint unit.' },
  },
});

registerEnumType(TimeZone, {
  name: 'TimeZone',
  description: "Indonesia's three time zones; SLA clocks count working days in the region's zone.",
  valuesConfig: {
    WIB: { description: 'Waktu Indonesia Barat, UTC+7 (Sumatra, Java, West and Central Kalimantan).' },
    WITA: { description: 'Waktu Indonesia Tengah, UTC+8 (Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi).' },
    WIT: { description: 'Waktu Indonesia Timur, UTC+9 (Maluku, Papua).' },
  },
});

registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'The level of a Kemendagri administrative region.',
  valuesConfig: {
    PROVINCE: { description: 'Province (provinsi), code `32`.' },
    DISTRICT: { description: 'District or city (kabupaten/kota), code `32.73`.' },
    SUBDISTRICT: { description: 'Sub-district (kecamatan), code `32.73.01`.' },
    VILLAGE: { description: 'Village (desa) or urban village (kelurahan), code `32.73.01.1001`.' },
  },
});

registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description: 'Where a complaint stands.',
  valuesConfig: {
    RECEIVED: { description: 'Acknowledged with a tracking code; not yet verified.' },
    VERIFIED: { description: 'Checked as complete and within authority; handling follows.' },
    IN_PROGRESS: { description: 'Being handled (assigned, referred, or under a case conference or home visit).' },
    PENDING_INFO: { description: 'Waiting for information from the complainant; the SLA clock is paused.' },
    RESOLVED: { description: 'A decision was recorded and answered publicly; closes after 10 working days without a reply.' },
    CLOSED: { description: 'Finished. An appeal opens a new, linked complaint.' },
    REJECTED: { description: 'Not handled: outside authority, invalid, or no answer to a request for information in 30 days.' },
    DUPLICATE: { description: 'Merged into another complaint, which carries the handling.' },
  },
});

registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: 'What the complaint is about, mapped onto the programme principle 6T.',
  valuesConfig: {
    NOT_RECEIVED: { description: 'An eligible family left out (exclusion error).' },
    WRONG_TARGET: { description: 'Aid going to someone not eligible (inclusion error).' },
    AMOUNT_OR_QUALITY: { description: 'Wrong amount, or goods of poor quality (tepat jumlah, tepat kualitas).' },
    LATE_DISBURSEMENT: { description: 'Aid later than scheduled (tepat waktu).' },
    FAILED_TRANSFER: { description: 'A transfer to the family account failed.' },
    ILLEGAL_LEVY: { description: 'Illegal levies (pungli) taken from the aid. Skips the village tier; confidential by default.' },
    MISUSE_OR_FRAUD: { description: 'Misuse of aid or fraud. Skips the village tier; confidential by default.' },
    DATA_ERROR: { description: 'Wrong recipient data (name, NIK, KK, address).' },
    SERVICE_CONDUCT: { description: 'Conduct of a facilitator (pendamping) or official. Skips the village tier; confidential by default.' },
    INFORMATION_REQUEST: { description: 'A question about a programme or eligibility.' },
    OTHER: { description: 'Anything else.' },
  },
});

registerEnumType(ResolutionDecision, {
  name: 'ResolutionDecision',
  description: 'The decision recorded when a complaint is resolved.',
  valuesConfig: {
    UPHELD: { description: 'The complaint was right, and it was put right.' },
    PARTIALLY_UPHELD: { description: 'The complaint was partly right.' },
    NOT_UPHELD: { description: 'The complaint was checked and found not to be right.' },
    WITHDRAWN: { description: 'The complainant withdrew it.' },
    REDIRECTED: { description: 'Another body is responsible; the complainant was told which.' },
  },
});

registerEnumType(SlaState, {
  name: 'SlaState',
  description: "The state of a complaint's service-level clock.",
  valuesConfig: {
    ON_TRACK: { description: 'More than 25 % of the allowed time is left.' },
    AT_RISK: { description: '25 % or less of the allowed time is left.' },
    BREACHED: { description: 'The due time has passed.' },
    PAUSED: { description: 'Waiting for the complainant; the clock does not run.' },
    MET: { description: 'Resolved or closed within the allowed time.' },
  },
});

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'What kind of party an organisation is.',
  valuesConfig: {
    MINISTRY: { description: 'Kemensos: the national tier.' },
    PROVINCE_OFFICE: { description: 'A provincial social office (Dinas Sosial provinsi).' },
    DISTRICT_OFFICE: { description: 'A district or city social office (Dinas Sosial kabupaten/kota).' },
    VILLAGE_OFFICE: { description: 'A village or kelurahan office.' },
    BANK: { description: 'A bank that disburses aid (e.g. Himbara: BNI, BRI, Mandiri, BTN).' },
    NGO: { description: 'A social welfare institution, CSR forum or other NGO that submits for families it assists.' },
    PORTAL: { description: 'A citizen portal or app that submits complaints.' },
    AUDITOR: { description: 'An inspectorate: reads everything, changes nothing.' },
  },
});

registerEnumType(ChannelKind, {
  name: 'ChannelKind',
  description: 'How a channel reaches people.',
  valuesConfig: {
    PHONE: { description: 'A call centre or phone line.' },
    MESSAGING: { description: 'WhatsApp or SMS.' },
    EMAIL: { description: 'E-mail.' },
    WEB: { description: 'A web portal or form.' },
    SOCIAL_MEDIA: { description: 'Facebook, Twitter/X, Instagram.' },
    APP: { description: 'A mobile app.' },
    IN_PERSON: { description: 'A walk-in at a social office.' },
    SERVICE_POINT: { description: 'An official complaint point: SLRT (district) or Puskesos (village).' },
    BANK_REPORT: { description: "A bank's report of failed transfers." },
  },
});

registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a complainant agreed to be told what happens to their complaint (docs/adr/0025-notifications.md).',
  valuesConfig: {
    EMAIL: { description: 'By e-mail, to complainant.email (required with it).' },
    WHATSAPP: { description: 'By WhatsApp template message, to complainant.phone.' },
    SMS: { description: 'By SMS (at most 160 characters, with the tracking code), to complainant.phone.' },
  },
});
