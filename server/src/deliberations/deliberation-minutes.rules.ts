/** What a deliberation's minutes may be: a scan (PDF) or a photo of the signed pages; no video. */
export const MINUTES_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;

/** Files a deliberation may hold (attached or being uploaded): a better scan now and then, not a folder. */
export const MAX_MINUTES_PER_DELIBERATION = 5;

/** The public route that streams a deliberation's minutes (one stored file, addressed by its id). */
export const PUBLIC_MINUTES_PATH = '/public/deliberation-minutes';
