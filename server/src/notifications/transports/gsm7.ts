/**
 * The GSM 03.38 default alphabet: what one SMS carries 160 of. A character of
 * the extension table (€ [ ] { } \ ^ ~ | and form feed) takes two of the 160
 * (an escape and the character); anything else (emoji, curly quotes, accented
 * letters outside the table) forces the whole SMS into UCS-2, 70 characters —
 * which Indonesian networks do not reliably deliver, so it is refused.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** One SMS of the default alphabet, unsplit. */
export const SMS_MAX_SEPTETS = 160;

/**
 * The text's length in GSM-7 septets, or the first character (its code point,
 * e.g. U+2019) the alphabet lacks. The character is named by code point, not
 * shown: the reason goes on the timeline, which never carries the text.
 */
export function gsm7Length(text: string): { septets: number } | { unsupported: string } {
  let septets = 0;
  for (const char of text) {
    if (BASIC_SET.has(char)) septets += 1;
    else if (EXTENSION_SET.has(char)) septets += 2;
    else return { unsupported: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` };
  }
  return { septets };
}
