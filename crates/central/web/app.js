// The citizens' page of the reference central service: the seeds' flow (office, coloured month,
// date and session, 1–5 applicants of one family card, the proof with its QR and PDF, cancel).
// Plain JavaScript, no build step: the service embeds this file and serves it as it is.
//
// Nothing typed is lost: the form is saved to this browser's storage on every keystroke, and a
// booking sent but not answered (a cut network) is sent again with the same Idempotency-Key, so
// the service answers the first booking instead of making a second one.
'use strict';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
  'September', 'Oktober', 'November', 'Desember'];
const WEEKDAYS = ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'];
const WEEKDAYS_LONG = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const SESSIONS = { pagi: 'Pagi', siang: 'Siang' };
const RELATIONS = { pemohon: 'Pemohon utama', suami_istri: 'Suami/istri', anak: 'Anak', ayah_ibu: 'Ayah/ibu' };
const TYPES = { baru: 'Paspor baru', penggantian: 'Penggantian paspor' };
const COLOUR_WORDS = { green: 'tersedia', red: 'penuh', yellow: 'belum disediakan', grey: 'tidak melayani' };
const MAX_APPLICANTS = 5;
const OFFLINE = 'Tidak dapat terhubung ke layanan. Periksa sambungan internet Anda lalu coba lagi; ' +
  'data yang Anda isi tetap tersimpan di perangkat ini.';

const $ = (id) => document.getElementById(id);

/** An element with text children only: data from the service never becomes HTML. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else if (v !== false && v != null) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c != null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** This browser's storage; a private window without it still works, it only forgets. */
const saved = {
  get(key, fallback) {
    try { const v = localStorage.getItem('loket.' + key); return v == null ? fallback : JSON.parse(v); }
    catch { return fallback; }
  },
  set(key, value) { try { localStorage.setItem('loket.' + key, JSON.stringify(value)); } catch { /* full or off */ } },
  drop(key) { try { localStorage.removeItem('loket.' + key); } catch { /* off */ } },
};

class Failure extends Error {
  constructor(code, message, status) { super(message); this.code = code; this.status = status; }
}

async function api(method, path, { body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let res;
  try { res = await fetch(path, init); } catch { throw new Failure('offline', OFFLINE, 0); }
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    throw new Failure(data?.code ?? 'http', data?.message ?? `Layanan menjawab ${res.status}; coba lagi.`, res.status);
  }
  return data;
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
function newKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function say(message, ok = false) {
  const box = $('alert');
  box.textContent = message;
  box.classList.toggle('ok', ok);
  box.hidden = !message;
  if (message) box.scrollIntoView({ block: 'nearest' });
}

function show(view) {
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== 'view-' + view;
  $('nav-book').classList.toggle('active', view !== 'lookup');
  $('nav-lookup').classList.toggle('active', view === 'lookup');
  window.scrollTo(0, 0);
}

// ---- dates, in the office's own zone ---------------------------------------------------------

function parseDate(iso) { const [y, m, d] = iso.split('-').map(Number); return { y, m, d }; }
function longDate(iso) {
  const { y, m, d } = parseDate(iso);
  const weekday = WEEKDAYS_LONG[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday}, ${d} ${MONTHS[m - 1]} ${y}`;
}
function localTime(utc, office) {
  const when = new Intl.DateTimeFormat('id-ID', {
    timeZone: office.ianaTz, day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  }).format(new Date(utc));
  return `${when} ${office.zone}`;
}

// ---- state -----------------------------------------------------------------------------------

const state = {
  offices: [],
  office: null, // the chosen office entry
  month: null, // { y, m }
  days: [],
  date: null,
  session: null,
  proof: null, // { view, nik }
};

function officeBySlug(slug) { return state.offices.find((o) => o.slug === slug) ?? null; }

// ---- 1. the office ---------------------------------------------------------------------------

function renderOffices() {
  const q = $('office-search').value.trim().toLowerCase();
  const list = $('office-list');
  list.replaceChildren();
  const hits = state.offices.filter((o) => !q || `${o.name} ${o.city} ${o.province}`.toLowerCase().includes(q));
  for (const o of hits.slice(0, 40)) {
    list.append(el('li', {}, el('button', { type: 'button', 'data-office': o.slug, onclick: () => chooseOffice(o) },
      el('span', {}, o.name, el('small', {}, `${o.city}, ${o.province}`)),
      el('span', { class: 'zone' }, o.zone))));
  }
  if (hits.length === 0) list.append(el('li', { class: 'hint' }, 'Tidak ada kantor yang cocok.'));
  if (hits.length > 40) list.append(el('li', { class: 'hint' }, `${hits.length - 40} kantor lain: perjelas pencarian.`));
  renderMine();
}

function renderMine() {
  const mine = saved.get('mine', []);
  $('mine').hidden = mine.length === 0;
  $('mine-list').replaceChildren(...mine.map((b) => el('li', {}, el('button', {
    type: 'button', onclick: () => openBooking(b.office, b.code, b.nik),
  }, el('span', {}, b.code, el('small', {}, `${officeBySlug(b.office)?.name ?? b.office} · ${longDate(b.date)}`)),
  el('span', {}, '›')))));
}

function chooseOffice(office) {
  state.office = office;
  saved.set('office', office.slug);
  state.month = null; // the office's current month, by the service's clock
  state.date = null;
  say('');
  loadMonth();
}

// ---- 2. the coloured month -------------------------------------------------------------------

async function loadMonth() {
  const o = state.office;
  $('cal-office').textContent = o.name;
  $('cal-zone').textContent = o.zone;
  $('sessions').hidden = true;
  show('calendar');
  try {
    const query = state.month ? `?month=${state.month.y}-${String(state.month.m).padStart(2, '0')}` : '';
    const data = await api('GET', `/v1/offices/${o.slug}/availability${query}`);
    state.month = { y: data.year, m: data.month };
    $('month-name').textContent = `${MONTHS[data.month - 1]} ${data.year}`;
    state.days = data.days;
    renderMonth(data);
  } catch (e) {
    $('calendar').replaceChildren();
    say(e.message);
  }
}

function renderMonth(data) {
  const cal = $('calendar');
  cal.replaceChildren(...WEEKDAYS.map((d) => el('span', { class: 'dow' }, d)));
  data.days.forEach((day, i) => {
    const { y, m, d } = parseDate(day.date);
    const label = `${longDate(day.date)}: ${day.reason?.id ?? COLOUR_WORDS[day.colour]}`;
    const cell = el('button', {
      type: 'button', class: `day ${day.colour}${state.date === day.date ? ' picked' : ''}`,
      'data-date': day.date, 'aria-label': label, title: label,
      disabled: day.colour === 'grey', onclick: () => chooseDate(day),
    }, d);
    if (i === 0) cell.style.gridColumnStart = String(((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1);
    cal.append(cell);
  });
  if (state.date) {
    const day = data.days.find((x) => x.date === state.date);
    if (day) renderSessions(day);
  }
}

function chooseDate(day) {
  state.date = day.date;
  for (const c of document.querySelectorAll('.day')) c.classList.toggle('picked', c.dataset.date === day.date);
  renderSessions(day);
}

function renderSessions(day) {
  $('sessions').hidden = false;
  $('sessions-title').textContent = longDate(day.date);
  const list = $('session-list');
  list.replaceChildren(...day.sessions.map((s) => {
    let detail;
    if (s.colour === 'green') detail = `Sisa ${s.seatsLeft} kuota`;
    else if (s.colour === 'red') detail = 'Kuota penuh';
    else if (s.colour === 'yellow') detail = s.opensAt ? `Dibuka ${localTime(s.opensAt, state.office)}` : 'Kuota belum disediakan';
    else detail = day.reason?.id ?? 'Tidak melayani';
    return el('button', {
      type: 'button', class: `session ${s.colour}`, 'data-session': s.session,
      disabled: s.colour !== 'green', onclick: () => chooseSession(s),
    }, `Sesi ${SESSIONS[s.session]} · ${s.hours}`, el('small', {}, detail));
  }));
  $('sessions').scrollIntoView({ block: 'nearest' });
}

function chooseSession(s) {
  state.session = s.session;
  saved.set('slot', { office: state.office.slug, date: state.date, session: s.session });
  openForm();
}

// ---- 3. the applicants -----------------------------------------------------------------------

function applicantBlock(i, a = {}) {
  const first = i === 0;
  const type = a.applicationType ?? 'baru';
  const relation = first ? null : el('label', { class: 'field' }, 'Hubungan dengan pemohon utama',
    el('select', { name: 'relation' }, ...['suami_istri', 'anak', 'ayah_ibu'].map((r) =>
      el('option', { value: r, selected: a.relation === r }, RELATIONS[r]))));
  const old = el('label', { class: 'field', hidden: type !== 'penggantian' }, 'Nomor paspor lama',
    el('input', { name: 'oldPassport', autocomplete: 'off', maxlength: '9', value: a.oldPassport ?? '' }));
  const radios = el('div', { class: 'radios', role: 'radiogroup', 'aria-label': 'Jenis permohonan' },
    ...Object.entries(TYPES).map(([v, text]) => el('label', {},
      el('input', { type: 'radio', name: `type-${i}`, value: v, checked: type === v,
        onchange: () => { old.hidden = v !== 'penggantian'; } }), ' ', text)));
  return el('fieldset', { class: 'applicant', 'data-index': String(i) },
    el('legend', {}, first ? 'Pemohon 1 · pemohon utama (pemilik akun)' : `Pemohon ${i + 1}`),
    first ? null : el('button', { type: 'button', class: 'secondary remove', onclick: () => removeApplicant(i) }, 'Hapus'),
    el('label', { class: 'field' }, 'NIK (16 angka, sesuai e-KTP)',
      el('input', { name: 'nik', inputmode: 'numeric', maxlength: '16', autocomplete: 'off', value: a.nik ?? '' })),
    el('label', { class: 'field' }, 'Nama lengkap sesuai e-KTP',
      el('input', { name: 'fullName', autocomplete: 'off', maxlength: '100', value: a.fullName ?? '' })),
    relation, radios, old);
}

function readForm() {
  const form = $('booking-form');
  const applicants = [...form.querySelectorAll('.applicant')].map((f, i) => {
    const a = {
      nik: f.querySelector('[name=nik]').value.trim(),
      fullName: f.querySelector('[name=fullName]').value.trim(),
      relation: i === 0 ? 'pemohon' : f.querySelector('[name=relation]').value,
      applicationType: f.querySelector(`[name=type-${i}]:checked`)?.value ?? 'baru',
    };
    if (a.applicationType === 'penggantian') a.oldPassport = f.querySelector('[name=oldPassport]').value.trim().toUpperCase();
    return a;
  });
  return { kk: form.kk.value.trim(), agree: form.agree.checked, applicants };
}

function renderApplicants(applicants) {
  $('applicants').replaceChildren(...applicants.map((a, i) => applicantBlock(i, a)));
  $('add-applicant').disabled = applicants.length >= MAX_APPLICANTS;
}

function saveDraft() { saved.set('draft', readForm()); }

function removeApplicant(i) {
  const draft = readForm();
  draft.applicants.splice(i, 1);
  renderApplicants(draft.applicants);
  saveDraft();
}

function openForm() {
  const o = state.office;
  $('form-slot').textContent = `${o.name} · ${longDate(state.date)} · Sesi ${SESSIONS[state.session]}`;
  const draft = saved.get('draft', null);
  const form = $('booking-form');
  form.kk.value = draft?.kk ?? '';
  form.agree.checked = false;
  renderApplicants(draft?.applicants?.length ? draft.applicants : [{}]);
  say('');
  show('form');
}

async function submitBooking(event) {
  event.preventDefault();
  const draft = readForm();
  if (!draft.agree) { say('Centang pernyataan bahwa data yang Anda isi benar.'); return; }
  const body = JSON.stringify({
    office: state.office.slug, date: state.date, session: state.session,
    kkNumber: draft.kk, applicants: draft.applicants,
  });
  // The same request again (a retry after no answer) keeps its key; a changed one gets a new key.
  let pending = saved.get('pending', null);
  if (!pending || pending.body !== body) pending = { key: newKey(), body };
  saved.set('pending', pending);
  const button = $('submit-booking');
  button.disabled = true;
  say('');
  try {
    const admission = await admitted();
    const headers = { 'Idempotency-Key': pending.key };
    if (admission) headers['X-Admission'] = admission;
    const view = await api('POST', '/v1/bookings', { body, headers });
    saved.drop('pending');
    saved.drop('draft');
    const holder = draft.applicants[0].nik;
    const mine = saved.get('mine', []).filter((b) => b.code !== view.code || b.office !== view.office);
    mine.unshift({ office: view.office, code: view.code, nik: holder, date: view.date });
    saved.set('mine', mine.slice(0, 10));
    showProof(view, holder);
    say('Antrean berhasil diambil. Simpan bukti ini.', true);
  } catch (e) {
    if (e.status !== 0) saved.drop('pending'); // answered: nothing was booked, the next try is new
    show('form');
    say(e.message);
  } finally {
    button.disabled = false;
  }
}

/** Waits in the release rush's waiting room; `null` when the service runs none. */
async function admitted() {
  let status;
  try {
    status = await api('POST', '/v1/queue');
  } catch (e) {
    if (e.code === 'queue.off') return null;
    throw e;
  }
  while (!status.admission) {
    show('queue');
    $('queue-ahead').textContent = status.ahead === 0 ? 'Anda berikutnya' : `${status.ahead} orang di depan Anda`;
    $('queue-wait').textContent = `Perkiraan menunggu ${Math.max(1, Math.ceil(status.waitSeconds / 60))} menit ` +
      `(${status.waitSeconds} detik).`;
    await new Promise((r) => setTimeout(r, Math.min(Math.max(status.waitSeconds, 1), 5) * 1000));
    status = await api('GET', `/v1/queue/${encodeURIComponent(status.ticket)}`);
  }
  return status.admission;
}

// ---- 4. the proof, its PDF, cancelling -------------------------------------------------------

function bookingPath(office, code) { return `/v1/offices/${encodeURIComponent(office)}/bookings/${encodeURIComponent(code)}`; }

function showProof(view, nik) {
  state.proof = { view, nik };
  const cancelled = view.status === 'cancelled';
  $('proof-status').textContent = cancelled ? 'Dibatalkan' : 'Aktif';
  $('proof-status').classList.toggle('cancelled', cancelled);
  $('proof-code').textContent = view.code;
  $('proof-office').textContent = view.officeName;
  $('proof-date').textContent = longDate(view.date);
  $('proof-session').textContent = SESSIONS[view.session];
  const q = `?nik=${encodeURIComponent(nik)}`;
  $('proof-qr').src = bookingPath(view.office, view.code) + '/proof.svg' + q;
  $('proof-qr').hidden = cancelled;
  $('proof-hint').hidden = cancelled;
  $('save-pdf').href = bookingPath(view.office, view.code) + '/proof.pdf' + q;
  $('save-pdf').hidden = cancelled;
  $('proof-applicants').replaceChildren(...view.applicants.map((a) => el('li', {}, a.fullName,
    el('small', {}, `NIK ${a.nikMasked} · ${RELATIONS[a.relation]} · ${TYPES[a.applicationType]}`))));
  const canCancel = view.cancellable;
  $('cancel-booking').hidden = !canCancel;
  $('cancel-note').textContent = cancelled ? 'Antrean ini sudah dibatalkan; kuotanya dikembalikan.'
    : canCancel ? `Pembatalan paling lambat ${longDate(view.cancelUntil)} (H-2).`
      : 'Batas pembatalan (H-2) sudah lewat.';
  $('confirm').hidden = true;
  show('proof');
}

async function openBooking(office, code, nik) {
  say('');
  try {
    showProof(await api('GET', `${bookingPath(office, code)}?nik=${encodeURIComponent(nik)}`), nik);
  } catch (e) {
    say(e.message);
  }
}

async function cancelBooking() {
  const { view, nik } = state.proof;
  const intent = `${view.office}/${view.code}`;
  let pending = saved.get('cancel', null);
  if (!pending || pending.intent !== intent) pending = { intent, key: newKey() };
  saved.set('cancel', pending);
  $('confirm-yes').disabled = true;
  try {
    const done = await api('POST', `${bookingPath(view.office, view.code)}/cancel`, {
      body: { nik }, headers: { 'Idempotency-Key': pending.key },
    });
    saved.drop('cancel');
    showProof(done, nik);
    say(`Antrean ${done.code} dibatalkan.`, true);
  } catch (e) {
    if (e.status !== 0) saved.drop('cancel');
    $('confirm').hidden = true;
    say(e.message);
  } finally {
    $('confirm-yes').disabled = false;
  }
}

// ---- lookup ----------------------------------------------------------------------------------

function openLookup() {
  const select = $('lookup-office');
  if (select.options.length === 0) {
    select.append(...state.offices.map((o) => el('option', { value: o.slug }, `${o.name} (${o.zone})`)));
  }
  if (state.office) select.value = state.office.slug;
  say('');
  show('lookup');
}

// ---- start -----------------------------------------------------------------------------------

async function start() {
  $('office-search').addEventListener('input', renderOffices);
  $('change-office').addEventListener('click', () => { show('office'); $('office-search').focus(); });
  $('prev-month').addEventListener('click', () => {
    if (!state.month) return;
    const { y, m } = state.month; state.month = m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 }; loadMonth();
  });
  $('next-month').addEventListener('click', () => {
    if (!state.month) return;
    if (!state.month) return;
    const { y, m } = state.month; state.month = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 }; loadMonth();
  });
  $('booking-form').addEventListener('input', saveDraft);
  $('booking-form').addEventListener('submit', submitBooking);
  $('add-applicant').addEventListener('click', () => {
    const draft = readForm();
    if (draft.applicants.length < MAX_APPLICANTS) draft.applicants.push({});
    renderApplicants(draft.applicants);
    saveDraft();
    const last = $('applicants').lastElementChild;
    last?.querySelector('[name=nik]')?.focus();
  });
  $('back-calendar').addEventListener('click', loadMonth);
  $('cancel-booking').addEventListener('click', () => {
    $('confirm-text').textContent = `Batalkan antrean ${state.proof.view.code}? Kuotanya dikembalikan ` +
      'untuk pemohon lain dan pembatalan tidak dapat diurungkan.';
    $('confirm').hidden = false;
    $('confirm-yes').focus();
  });
  $('confirm-no').addEventListener('click', () => { $('confirm').hidden = true; });
  $('confirm-yes').addEventListener('click', cancelBooking);
  $('book-again').addEventListener('click', () => { say(''); show('office'); renderOffices(); });
  $('nav-book').addEventListener('click', () => { say(''); show('office'); renderOffices(); });
  $('nav-lookup').addEventListener('click', openLookup);
  $('lookup-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target;
    openBooking(f.office.value, f.code.value.trim().toUpperCase(), f.nik.value.trim());
  });

  try {
    state.offices = await api('GET', '/v1/offices');
  } catch (e) {
    say(e.message);
    return;
  }
  renderOffices();
  // Back where the citizen was: a half-filled form comes back with everything typed.
  const slot = saved.get('slot', null);
  const office = slot && officeBySlug(slot.office);
  if (office && saved.get('draft', null)) {
    state.office = office;
    state.date = slot.date;
    state.session = slot.session;
    const { y, m } = parseDate(slot.date);
    state.month = { y, m };
    openForm();
    say('Isian Anda sebelumnya dipulihkan.', true);
  } else if (saved.get('office', null) && officeBySlug(saved.get('office'))) {
    chooseOffice(officeBySlug(saved.get('office')));
  }
}

start();
