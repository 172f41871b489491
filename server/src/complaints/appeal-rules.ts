/** An appeal must come within 30 calendar days of the resolution (reopenComplaint, appealResolution). */
export const APPEAL_WINDOW_DAYS = 30;
