/*
 * Reelflow in Tasklist: a refused completion shows each field's message at the field. The service answers a form it
 * refuses with 400 and "field: reason; field: reason" (ProcessDataGuard); Tasklist shows that as a notification at
 * the top. This script reads the notification, and for every field of the open form that it names, writes the reason
 * under the field (form-js's own error style); the notification stays as the form's message. A message goes away
 * when its field is changed or the form is submitted again. A field of a dynamic list's row is named as the list's
 * key, the row (from 0) and the field's key: "qcItems[1].track" is the track of the second row.
 */
const KEY = /(?:^|[\s;:(])([a-z][A-Za-z0-9]{1,60}(?:\[\d{1,4}\]\.[a-z][A-Za-z0-9]{0,60})?): /g;
/** A field of a dynamic list's row, as the service names it: qcItems[0].track. */
const ROW_FIELD = /^([a-z][A-Za-z0-9]*)\[(\d+)\]\.([a-z][A-Za-z0-9]*)$/;

function fieldContainer(key) {
  const form = document.querySelector('.fjs-form');
  if (!form) return null;
  const row = ROW_FIELD.exec(key);
  if (row) {
    // a row's field has the id <list><Field>_<row> (the forms' convention: qcItemsTrack in the list qcItems)
    const id = CSS.escape(row[1] + row[3].charAt(0).toUpperCase() + row[3].slice(1) + '_' + row[2]);
    const el = form.querySelector(`[id$="-${id}"]`);
    return el ? el.closest('.fjs-form-field') : null;
  }
  // a field's label points at its input (a date picker's at "<key>-date"); a field without a label by its input's id
  const k = CSS.escape(key);
  const el = form.querySelector(`label[for$="-${k}"], label[for$="-${k}-date"], [id$="-${k}"], [id$="-${k}-date"]`);
  return el ? el.closest('.fjs-form-field') : null;
}

function clear() {
  document.querySelectorAll('.rf-field-error').forEach(e => e.remove());
  document.querySelectorAll('.rf-field-invalid').forEach(e => e.classList.remove('rf-field-invalid', 'fjs-has-errors'));
}

/** "a: reason one; b: reason two" → [[a, reason one], [b, reason two]] for the keys that are fields of the open form. */
function fieldMessages(text) {
  const found = [];
  let m;
  KEY.lastIndex = 0;
  while ((m = KEY.exec(text)) !== null) found.push({ key: m[1], start: m.index + m[0].indexOf(m[1]), from: KEY.lastIndex });
  const out = [];
  found.forEach((f, i) => {
    if (!fieldContainer(f.key)) return;
    const end = i + 1 < found.length ? found[i + 1].start : text.length;
    out.push([f.key, text.slice(f.from, end).replace(/[;,\s]+$/, '').trim()]);
  });
  return out;
}

/** The notification in plain words: the engine's "Cannot submit task form <id>: " goes, the reasons stay. */
function plain(alert) {
  const walker = document.createTreeWalker(alert, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    n.nodeValue = n.nodeValue.replace(/Cannot (submit task form|complete task) [0-9a-f-]+: /, '');
  }
}

function show(text, alert) {
  if (alert) plain(alert);
  const messages = fieldMessages(text);
  if (!messages.length) return;
  clear();
  messages.forEach(([key, reason]) => {
    const box = fieldContainer(key);
    box.classList.add('rf-field-invalid', 'fjs-has-errors');
    const err = document.createElement('div');
    err.className = 'fjs-form-field-error rf-field-error';
    err.setAttribute('role', 'alert');
    err.setAttribute('data-field', key);
    err.textContent = reason;
    box.appendChild(err);
    box.addEventListener('input', () => { err.remove(); box.classList.remove('rf-field-invalid', 'fjs-has-errors'); }, { once: true });
    box.addEventListener('click', e => { if (e.target.closest('.fjs-dropdownlist-item')) err.remove(); });
  });
  const first = fieldContainer(messages[0][0]);
  if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
}

new MutationObserver(records => {
  for (const r of records) {
    for (const n of r.addedNodes) {
      if (!(n instanceof HTMLElement)) continue;
      const alerts = n.matches('.alert-danger, .notification') ? [n] : [...n.querySelectorAll('.alert-danger, .notification')];
      alerts.forEach(a => show(a.textContent || '', a));
    }
  }
}).observe(document.body, { childList: true, subtree: true });

document.addEventListener('click', e => {
  if (e.target.closest('button') && /complete/i.test(e.target.closest('button').textContent || '')) clear();
}, true);
