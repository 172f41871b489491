// The portal's only script. Everything works without it (the server draws the
// kelurahan list and checks every answer); it makes the form quicker to fill.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  for (const select of document.querySelectorAll('select[data-village-select]')) villagePicker(select);
  for (const textarea of document.querySelectorAll('textarea[data-counter]')) counter(textarea);
  for (const form of document.querySelectorAll('form')) indonesianMessages(form);
  for (const button of document.querySelectorAll('button[data-busy-label]')) busyWhileSending(button);
  for (const form of document.querySelectorAll('form[data-attach-form]')) attachmentUploader(form);
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
    if (v.valueMissing && field.type === 'file') return 'Pilih berkas yang akan dilampirkan.';
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

/**
 * Attachments, one request per file (the form itself would send all files in
 * one body, limited to 10 MB in all): each file gets its own answer, a file
 * over the limit is named before anything is sent, and the list of attached
 * files is updated in place. The files go to the portal (/lampiran), which
 * passes them on to Aduan with its own token: the browser never holds one.
 */
function attachmentUploader(form) {
  const input = form.querySelector('input[type="file"]');
  const button = form.querySelector('button[type="submit"]');
  const messages = document.getElementById('attachment-messages');
  const list = document.getElementById('attachment-list');
  const empty = document.getElementById('attachment-empty');
  const maxBytes = Number(input.dataset.maxBytes);
  const label = button.textContent;

  const say = (fileName, attached, text) => {
    const notice = document.createElement('div');
    notice.className = `notice attachment-outcome ${attached ? 'notice-success' : 'notice-error'}`;
    notice.dataset.attached = String(attached);
    if (!attached) notice.setAttribute('role', 'alert');
    const name = document.createElement('strong');
    name.textContent = fileName;
    notice.append(name, `: ${text}`);
    messages.append(notice);
  };

  const showFiles = (files) => {
    list.replaceChildren(...files.map((file) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'file-name';
      name.textContent = file.fileName;
      const meta = document.createElement('span');
      meta.className = 'file-meta';
      meta.textContent = file.meta;
      item.append(name, ' ', meta);
      return item;
    }));
    empty.hidden = files.length > 0;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const files = [...input.files];
    const batch = form.elements.kiriman.value;
    let nextBatch = null;
    messages.replaceChildren();
    for (const [index, file] of files.entries()) {
      if (file.size > maxBytes) {
        say(file.name, false, `Berkas terlalu besar: paling besar ${input.dataset.maxLabel} per berkas. Perkecil ukuran foto, atau pindai surat dengan resolusi lebih rendah.`);
        continue;
      }
      const body = new FormData();
      body.set('tiket', form.elements.tiket.value);
      // One key per file of this batch: sending the same batch again attaches nothing twice.
      body.set('kiriman', `${batch}-${index}`);
      body.set('jenis', form.elements.jenis.value);
      body.set('berkas', file, file.name);
      let answer;
      try {
        const response = await fetch(form.action, { method: 'POST', body, headers: { accept: 'application/json' } });
        answer = await response.json();
      } catch {
        say(file.name, false, 'Sambungan terputus sebelum berkas terkirim. Periksa sambungan internet Anda, lalu kirim ulang.');
        continue;
      }
      if (answer.problem) {
        say(file.name, false, answer.problem);
        if (answer.outcomes.length === 0) break; // the ticket or the request was refused: the other files would be too
      }
      for (const outcome of answer.outcomes) say(outcome.fileName, outcome.attached, outcome.message);
      if (answer.files) showFiles(answer.files);
      nextBatch = answer.batchKey || nextBatch;
    }
    if (nextBatch) form.elements.kiriman.value = nextBatch;
    input.value = '';
    button.disabled = false;
    button.textContent = label;
  });
}
