/*
 * Reelflow in Tasklist: a date typed into a form's date picker becomes that day, or a message at the field; never
 * another day. form-js's picker (flatpickr) reads what is typed in its display format only (MM/DD/YYYY in an
 * English browser) and rolls numbers over: a typed 2026-12-04 became 2027-08-06. Before flatpickr reads the text
 * (Enter, leaving the field, a click or focus elsewhere: all caught here first, in the capture phase), this script
 * reads it as a person meant it and writes it back in the picker's own format:
 *   2026-12-04, 2026/12/04        year, month, day (ISO 8601)
 *   04.12.2026, 4.12.2026         day, month, year (as written in most of Europe)
 *   4 Dec 2026, Dec 4, 2026       with the month's name (English, three letters or more)
 *   12/04/2026                    the picker's own display format, read strictly (no rolling over)
 * Anything else, or a day not on the calendar (2026-02-30), leaves the field as it was and says so under it.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(name) {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

/** The picker's display format (flatpickr tokens, e.g. "m/d/Y") as a strict reader: text → [y, m, d] or null. */
function displayReader(format) {
  const order = [];
  let re = '';
  for (const ch of format) {
    if ('dj'.includes(ch)) { order.push('d'); re += '(\\d{1,2})'; }
    else if ('mn'.includes(ch)) { order.push('m'); re += '(\\d{1,2})'; }
    else if (ch === 'Y') { order.push('Y'); re += '(\\d{4})'; }
    else if (ch === 'y') { order.push('y'); re += '(\\d{2})'; }
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const pattern = new RegExp('^' + re + '$');
  return text => {
    const m = pattern.exec(text);
    if (!m) return null;
    const v = {};
    order.forEach((k, i) => { v[k] = Number(m[i + 1]); });
    return [v.Y !== undefined ? v.Y : 2000 + v.y, v.m, v.d];
  };
}

/** What a person typed, as [year, month, day] (not yet checked against the calendar), or null. */
function read(text, format) {
  let m;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text))) return [+m[1], +m[2], +m[3]];
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) return [+m[3], +m[2], +m[1]];
  if ((m = /^(\d{1,2})\.?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(text)) && month(m[2])) return [+m[3], month(m[2]), +m[1]];
  if ((m = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text)) && month(m[1])) return [+m[3], month(m[1]), +m[2]];
  return displayReader(format)(text);
}

function onCalendar([y, m, d]) {
  if (!(y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1)) return false;
  return d <= new Date(y, m, 0).getDate();
}

/** The messages shown, by field: form-js redraws a field (its own errors) and drops what it did not draw, so they are put back. */
const shown = new Map();

function say(input, message) {
  const box = input.closest('.fjs-form-field');
  if (!box) return;
  const old = shown.get(box);
  if (old) old.remove();
  shown.delete(box);
  if (!message) return;
  const err = document.createElement('div');
  err.className = 'fjs-form-field-error rf-field-error rf-date-error';
  err.setAttribute('role', 'alert');
  const key = (input.id || '').replace(/-date$/, '').replace(/^.*-/, '');
  if (key) err.setAttribute('data-field', key);
  err.textContent = message;
  box.appendChild(err);
  shown.set(box, err);
  // goes when the person types again (the picker's own input events, after it reads a day, are not typing)
  const typed = e => {
    if (!e.isTrusted) return;
    err.remove();
    shown.delete(box);
    input.removeEventListener('input', typed);
  };
  input.addEventListener('input', typed);
}

new MutationObserver(() => {
  shown.forEach((err, box) => {
    if (!box.isConnected) shown.delete(box);
    else if (!err.isConnected) box.appendChild(err);
  });
}).observe(document.body, { childList: true, subtree: true });

/** Rewrites the typed text of one date field in the picker's format, or keeps the field's day and says why. */
function normalise(input) {
  const fp = input && input._flatpickr;
  if (!fp || !fp.config || !fp.config.allowInput) return;
  const text = input.value.trim();
  const format = fp.config.dateFormat;
  const current = fp.selectedDates && fp.selectedDates[0] ? fp.formatDate(fp.selectedDates[0], format) : '';
  if (text === '' || text === current) return;
  const day = read(text, format);
  if (day && onCalendar(day)) {
    input.value = fp.formatDate(new Date(day[0], day[1] - 1, day[2]), format);
    say(input, null);
    return;
  }
  input.value = current; // the picker reads back the day it had (or none): nothing changes
  say(input, day ? `'${text}' is not a day on the calendar`
    : `'${text}' is not a date: type it as YYYY-MM-DD (e.g. 2026-12-04) or pick it from the calendar`);
}

function normaliseAll() {
  document.querySelectorAll('.fjs-form input').forEach(i => { if (i._flatpickr) normalise(i); });
}

window.addEventListener('keydown', e => { if (e.key === 'Enter' || e.keyCode === 13) normalise(e.target); }, true);
window.addEventListener('blur', e => { if (e.target instanceof HTMLInputElement) normalise(e.target); }, true);
// flatpickr also reads the text when a click or focus lands elsewhere (on the document, before the input's blur)
['mousedown', 'touchstart', 'focus'].forEach(type => window.addEventListener(type, normaliseAll, true));
