import { DESCRIPTION_MAX, NAME_MAX, type FormErrors, type FormField, type FormValues } from '../complaint-form.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

/** An option of a select: a programme, a category or a region. */
export interface Choice {
  code: string;
  name: string;
}

export interface FormPageData {
  values: FormValues;
  errors: FormErrors;
  programs: readonly Choice[];
  /** The complaint categories, labelled as Aduan words them (its complaintCategories query). */
  categories: readonly Choice[];
  subdistricts: readonly Choice[];
  /** The kelurahan of the chosen kecamatan, drawn by the server so the form works without JavaScript. */
  villages: readonly Choice[];
  /** `YYYY-MM-DD` in WIB: the latest date of an event. */
  today: string;
}

/** The complaint form: a blank one, or the one the person sent, with their answers and what to fix. */
export function formPage(data: FormPageData): Html {
  const { values, errors } = data;
  const fieldErrors = Object.entries(errors).filter(([field]) => field !== 'form');
  return page({
    title: 'Sampaikan pengaduan',
    section: 'pengaduan',
    body: html`
<h1>Sampaikan pengaduan bantuan sosial</h1>
<p class="lead">Untuk warga Kota Bandung yang mengalami masalah dengan PKH, BPNT/Kartu Sembako, BST, BLT Dana Desa, atau bantuan sosial lainnya.
Setelah terkirim, Anda menerima <strong>kode pengaduan</strong> untuk memantau tindak lanjutnya.</p>

${(errors.form || fieldErrors.length > 0) && html`
<div class="notice notice-error" role="alert" id="form-error">
  ${errors.form ?? 'Pengaduan belum terkirim. Periksa kembali isian yang ditandai di bawah.'}
  ${errors.form && fieldErrors.length > 0 && html`<br>Periksa juga isian yang ditandai di bawah.`}
</div>`}

<form method="post" action="/" class="complaint-form">
  <input type="hidden" name="idempotencyKey" value="${values.idempotencyKey}">

  <fieldset>
    <legend>Tentang pengaduan</legend>
    ${field(errors, 'programCode', 'Program bantuan', html`
      <select id="programCode" name="programCode" required${invalid(errors, 'programCode')}>
        <option value="">— Pilih program —</option>
        ${data.programs.map((p) => option(p.code, `${p.name} (${p.code})`, values.programCode))}
      </select>`)}
    ${field(errors, 'category', 'Jenis pengaduan', html`
      <select id="category" name="category" required${invalid(errors, 'category')}>
        <option value="">— Pilih jenis pengaduan —</option>
        ${data.categories.map((c) => option(c.code, c.name, values.category))}
      </select>`)}
    <div class="row">
      ${field(errors, 'subdistrictCode', 'Kecamatan', html`
        <select id="subdistrictCode" name="subdistrictCode" required data-village-select="regionCode"${invalid(errors, 'subdistrictCode')}>
          <option value="">— Pilih kecamatan —</option>
          ${data.subdistricts.map((s) => option(s.code, s.name, values.subdistrictCode))}
        </select>
        <noscript>
          <button type="submit" name="action" value="pilih-kecamatan" formnovalidate class="button-secondary">Tampilkan daftar kelurahan</button>
        </noscript>`)}
      ${field(errors, 'regionCode', 'Kelurahan', html`
        <select id="regionCode" name="regionCode" required${data.villages.length === 0 ? html` disabled` : null}${invalid(errors, 'regionCode')}>
          <option value="">${data.villages.length === 0 ? '— Pilih kecamatan dahulu —' : '— Pilih kelurahan —'}</option>
          ${data.villages.map((v) => option(v.code, v.name, values.regionCode))}
        </select>`)}
    </div>
    ${field(errors, 'occurredOn', 'Tanggal kejadian (tidak wajib)', html`
      <input type="date" id="occurredOn" name="occurredOn" value="${values.occurredOn}" max="${data.today}"${invalid(errors, 'occurredOn')}>`,
      'Kira-kira kapan masalahnya terjadi, bila Anda ingat.')}
    ${field(errors, 'description', 'Uraian pengaduan', html`
      <textarea id="description" name="description" rows="7" required maxlength="${DESCRIPTION_MAX}" data-counter="description-count"${invalid(errors, 'description')}>${values.description}</textarea>
      <p class="counter" id="description-count" aria-live="polite">${values.description.length}/${DESCRIPTION_MAX} karakter</p>`,
      'Ceritakan apa yang terjadi, siapa yang terlibat, dan sejak kapan. Jangan menuliskan nomor rekening atau PIN.')}
  </fieldset>

  <fieldset>
    <legend>Identitas pelapor</legend>
    ${field(errors, 'name', 'Nama lengkap', html`
      <input type="text" id="name" name="name" value="${values.name}" required maxlength="${NAME_MAX}" autocomplete="name"${invalid(errors, 'name')}>`)}
    <div class="row">
      ${field(errors, 'phone', 'Nomor HP/telepon', html`
        <input type="tel" id="phone" name="phone" value="${values.phone}" required maxlength="20" autocomplete="tel" inputmode="tel"
          pattern="\\+?[0-9][0-9 \\-]{6,19}" title="Nomor telepon berisi angka, boleh diawali +62; contoh: 081234567890."${invalid(errors, 'phone')}>`,
        'Untuk menghubungi Anda bila petugas perlu keterangan tambahan.')}
      ${field(errors, 'nik', 'NIK (tidak wajib)', html`
        <input type="text" id="nik" name="nik" value="${values.nik}" maxlength="16" inputmode="numeric" autocomplete="off"
          pattern="[0-9]{16}" title="NIK terdiri atas 16 angka, seperti tertera pada KTP."${invalid(errors, 'nik')}>`,
        '16 angka pada KTP. Membantu petugas mencocokkan data penerima.')}
    </div>
    ${checkbox(errors, values, 'anonymous', 'Kirim sebagai anonim',
      'Nama, nomor telepon, dan NIK Anda tidak ditampilkan kepada siapa pun melalui sistem, termasuk petugas; data tetap disimpan agar Anda dapat dihubungi.')}
    ${checkbox(errors, values, 'confidential', 'Rahasiakan identitas saya',
      'Identitas Anda hanya terlihat oleh petugas yang menangani pengaduan. Pengaduan tentang pungli, penyalahgunaan, atau perilaku petugas selalu dirahasiakan.')}
  </fieldset>

  <div class="actions">
    <button type="submit" class="button-primary" data-busy-label="Mengirim…">Kirim pengaduan</button>
    <p class="hint">Data pribadi Anda hanya digunakan untuk menindaklanjuti pengaduan ini.</p>
  </div>
</form>`,
  });
}

/** A labelled control with its hint and, when the server found a problem, the message next to it. */
function field(errors: FormErrors, name: FormField, label: string, control: Html, hint?: string): Html {
  const error = errors[name];
  return html`
    <div class="field${error ? ' has-error' : ''}">
      <label for="${name}">${label}</label>
      ${hint && html`<p class="hint" id="${name}-hint">${hint}</p>`}
      ${control}
      ${error && html`<p class="field-error" id="${name}-error">${error}</p>`}
    </div>`;
}

function checkbox(errors: FormErrors, values: FormValues, name: 'anonymous' | 'confidential', label: string, explanation: string): Html {
  const error = errors[name];
  return html`
    <div class="field checkbox${error ? ' has-error' : ''}">
      <input type="checkbox" id="${name}" name="${name}" value="ya"${values[name] ? html` checked` : null} aria-describedby="${name}-hint">
      <label for="${name}">${label}</label>
      <p class="hint" id="${name}-hint">${explanation}</p>
      ${error && html`<p class="field-error" id="${name}-error">${error}</p>`}
    </div>`;
}

/** aria-invalid and the message as the control's description, for screen readers. */
function invalid(errors: FormErrors, name: FormField): Html | null {
  return errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : null;
}

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}"${value === selected ? html` selected` : null}>${label}</option>`;
}
