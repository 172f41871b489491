// The portal's only script. Everything works without it (the server draws the
// kelurahan list and checks every answer); it makes the form quicker to fill.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  for (const select of document.querySelectorAll('select[data-village-select]')) villagePicker(select);
  for (const textarea of document.querySelectorAll('textarea[data-counter]')) counter(textarea);
  for (const form of document.querySelectorAll('form')) indonesianMessages(form);
  for (const button of document.querySelectorAll('button[data-busy-label]')) busyWhileSending(button);
});

/**
 * Choosing a kecamatan loads its kelurahan from the portal's own endpoint
 * (/api/kelurahan): the browser never calls Aduan and holds no token.
 */
function villagePicker(subdistrictSelect) {
  const villageSelect = document.getElementById(subdistrictSelect.dataset.villageSelect);
  let pending = null;

  const fill = (placeholder, villages, disabled) => {
    villageSelect.replaceChildren(new Option(placeholder, ''), ...villages.map((v) => new Option(v.name, v.code)));
    villageSelect.disabled = disabled;
  };

  subdistrictSelect.addEventListener('change', async () => {
    pending?.abort(); // a quick second choice must not be overwritten by the first one's answer
    const code = subdistrictSelect.value;
    if (!code) return fill('— Pilih kecamatan dahulu —', [], true);
    pending = new AbortController();
    fill('Memuat daftar kelurahan…', [], true);
    try {
      const response = await fetch(`/api/kelurahan?kecamatan=${encodeURIComponent(code)}`, { signal: pending.signal });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error);
      fill('— Pilih kelurahan —', body, false);
    } catch (error) {
      if (error.name === 'AbortError') return;
      fill('Gagal memuat daftar kelurahan; pilih kecamatan lagi', [], true);
    }
  });
}

/** "123/4000 karakter" under the description. */
function counter(textarea) {
  const output = document.getElementById(textarea.dataset.counter);
  const update = () => { output.textContent = `${textarea.value.length}/${textarea.maxLength} karakter`; };
  textarea.addEventListener('input', update);
  update();
}

/** The browser's own validation bubbles, in Bahasa Indonesia whatever the browser's language. */
function indonesianMessages(form) {
  const messageFor = (field) => {
    const v = field.validity;
    if (v.valueMissing) return field.tagName === 'SELECT' ? 'Silakan pilih salah satu.' : 'Bagian ini wajib diisi.';
    if (v.patternMismatch) return field.title || 'Format isian tidak sesuai.';
    if (v.tooLong) return `Paling banyak ${field.maxLength} karakter.`;
    if (v.rangeOverflow) return 'Tanggal tidak boleh setelah hari ini.';
    return 'Isian tidak valid.';
  };
  for (const field of form.querySelectorAll('input, select, textarea')) {
    field.addEventListener('invalid', () => {
      if (!field.validity.customError) field.setCustomValidity(messageFor(field));
    });
    const clear = () => field.setCustomValidity('');
    field.addEventListener('input', clear);
    field.addEventListener('change', clear);
  }
}

/**
 * One click, one submission: the button is disabled while the form is sent.
 * (The hidden idempotency key makes a second submission harmless anyway.)
 */
function busyWhileSending(button) {
  const label = button.textContent;
  button.form.addEventListener('submit', () => {
    button.disabled = true;
    button.textContent = button.dataset.busyLabel;
  });
  // Coming back with the Back button shows the page as it was left: make the button usable again.
  window.addEventListener('pageshow', () => { button.disabled = false; button.textContent = label; });
}
