/**
 * Public root fields limited per IP address (http/app.ts), so tracking codes (and, through the aid check, names in
 * the register) cannot be enumerated. Its own module so the API reference (api-reference/) can say which these are.
 */
export const PUBLIC_RATE_LIMITED_OPERATIONS = [
  'trackComplaint', 'rateResolution', 'checkAid', 'answerInformationRequest', 'appealResolution', 'requestComplainantEvidenceUpload',
  // Public, and each answer checks provenance chains: cheap per call, not free at a crawler's pace (docs/adr/0038).
  'villageDeliberations', 'villageDeliberation',
];
