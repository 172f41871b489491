import { newIdempotencyKey, type ComplaintCategory, type SubmitComplaintInput, type SubmitComplaintMutation } from '@aduan/sdk';
import { CHANNEL } from './aduan.js';

/** What the person typed, exactly as typed: re-rendered with every answer so nothing is lost. */
export interface FormValues {
  idempotencyKey: string;
  programCode: string;
  category: string;
  subdistrictCode: string;
  regionCode: string;
  occurredOn: string;
  description: string;
  name: string;
  phone: string;
  nik: string;
  anonymous: boolean;
  confidential: boolean;
}

export type FormField = Exclude<keyof FormValues, 'idempotencyKey'>;

/** Messages to show: next to a field, or (`form`) above the form. */
export type FormErrors = Partial<Record<FormField | 'form', string>>;

export const DESCRIPTION_MAX = 4000;
export const NAME_MAX = 150;

/**
 * A blank form. The idempotency key is made here, when the form is drawn, and
 * travels in a hidden field: pressing "Kirim" twice, or refreshing the page
 * after sending, sends the same key, and Aduan answers with the complaint it
 * already filed instead of filing a second one.
 */
export function blankForm(): FormValues {
  return {
    idempotencyKey: newIdempotencyKey(),
    programCode: '', category: '', subdistrictCode: '', regionCode: '', occurredOn: '',
    description: '', name: '', phone: '', nik: '', anonymous: false, confidential: false,
  };
}

/** The posted form (application/x-www-form-urlencoded) as FormValues; anything missing or odd becomes ''. */
export function readForm(body: Record<string, unknown> | undefined): FormValues {
  const text = (name: string): string => {
    const value = body?.[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    // A form posted without a key (a hand-made request) still gets one, so it is still safe to retry.
    idempotencyKey: /^[\w-]{1,128}$/.test(text('idempotencyKey')) ? text('idempotencyKey') : newIdempotencyKey(),
    programCode: text('programCode'),
    category: text('category'),
    subdistrictCode: text('subdistrictCode'),
    regionCode: text('regionCode'),
    occurredOn: text('occurredOn'),
    // Browsers send a textarea's line breaks as CRLF, while its maxlength counted them as one
    // character: without this, a description of exactly 4000 characters would arrive too long.
    description: text('description').replace(/\r\n/g, '\n'),
    name: text('name'),
    phone: text('phone'),
    nik: text('nik'),
    anonymous: text('anonymous') === 'ya',
    confidential: text('confidential') === 'ya',
  };
}

/**
 * The checks only the portal can make, because they are about its own form:
 * a choice left empty. Everything about the content (NIK, phone, lengths,
 * dates, codes) is left to Aduan, the one place those rules live, and its
 * answers are shown next to the fields (see fieldErrorsFrom).
 */
export function checkChoices(values: FormValues, villageCodes: readonly string[], categoryCodes: readonly string[]): FormErrors {
  const errors: FormErrors = {};
  if (!values.programCode) errors.programCode = 'Pilih program bantuan yang Anda adukan.';
  if (!categoryCodes.includes(values.category)) errors.category = 'Pilih jenis pengaduan.';
  if (!values.subdistrictCode) errors.subdistrictCode = 'Pilih kecamatan tempat kejadian.';
  else if (!villageCodes.includes(values.regionCode)) errors.regionCode = 'Pilih kelurahan tempat kejadian.';
  return errors;
}

/** What the portal sends to Aduan for this form. */
export function toSubmitInput(values: FormValues): SubmitComplaintInput {
  return {
    idempotencyKey: values.idempotencyKey,
    channel: CHANNEL,
    programCode: values.programCode,
    category: values.category as ComplaintCategory, // one of Aduan's complaintCategories: checkChoices refused anything else
    description: values.description,
    regionCode: values.regionCode,
    occurredOn: values.occurredOn || null,
    complainant: {
      name: values.name,
      phone: values.phone,
      nik: values.nik.trim() || null,
      anonymous: values.anonymous,
      confidential: values.confidential,
    },
  };
}

type UserError = SubmitComplaintMutation['submitComplaint']['userErrors'][number];

/** Where each input path of SubmitComplaintInput is on the form. */
const FIELD_OF_PATH: Record<string, FormField> = {
  programCode: 'programCode',
  category: 'category',
  regionCode: 'regionCode',
  occurredOn: 'occurredOn',
  description: 'description',
  'complainant.name': 'name',
  'complainant.phone': 'phone',
  'complainant.nik': 'nik',
  'complainant.anonymous': 'anonymous',
  'complainant.confidential': 'confidential',
};

/**
 * Aduan's userErrors, placed next to the fields they are about. `field` is
 * the path in the mutation's arguments (`["input", "complainant", "nik"]`);
 * messages are already in Bahasa Indonesia (the client's locale is `id`).
 * An error about something the person cannot change on the form (the
 * channel, the key) goes above the form.
 */
export function fieldErrorsFrom(userErrors: readonly UserError[]): FormErrors {
  const errors: FormErrors = {};
  for (const error of userErrors) {
    const path = (error.field ?? []).filter((part, i) => !(i === 0 && part === 'input')).join('.');
    const field = FIELD_OF_PATH[path] ?? 'form';
    // One message per field is enough to fix it; the first is the one Aduan found first.
    errors[field] ??= error.message;
  }
  return errors;
}
