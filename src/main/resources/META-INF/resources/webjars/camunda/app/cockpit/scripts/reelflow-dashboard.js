/*
 * Reelflow in Cockpit: the managers' dashboard — deals by status, deliveries by stage with their age, Netflix QC
 * (first-pass acceptance rate, rejected items by category and by vendor, month by month), licence windows expiring in
 * the next 180 days, and open incidents per process with the deal. On Cockpit's dashboard and as its own page
 * (#/reelflow, in the header).
 *
 * The business figures come from Reelflow's report endpoints (/api/reports/..., /api/windows/expiring), which take the
 * signed-in user's Cockpit session for these GETs only, with the user's own role rules; the incidents come from the
 * engine API with the same session, so Camunda authorizations apply. No amounts anywhere. Charts are inline SVG drawn
 * here: nothing is loaded from outside the service. Plain JS module (Cockpit's plugin interface since 7.14),
 * registered in ./config.js customScripts.
 */
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#b5152b', '#1f6fb2', '#e08a00', '#2e8b57', '#7b4fa3', '#8c564b', '#d6589f', '#5f6b73', '#17a2b8', '#9aa52a'];
const STAGE_LABELS = { BACKLOT_SETUP: 'Backlot set-up', PREPARING: 'Preparing', READY: 'Ready', SUBMITTED: 'Submitted to QC',
  REJECTED: 'Rejected by QC', ACCEPTED: 'Accepted' };
const WINDOW_DAYS = 180;

function el(tag, attrs, text) {
  const e = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

async function getJson(url) {
  const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url.replace(/\?.*/, '')} answered ${r.status}`);
  return r.json();
}

const pct = rate => rate === null || rate === undefined ? '—' : `${(Number(rate) * 100).toFixed(0)} %`;
const days = d => `${Number(d).toFixed(1)} d`;

/** Horizontal bars: [label, value, note?] rows. */
function barChart(name, rows, { color = '#1f6fb2', unit = '' } = {}) {
  const rowHeight = 26, labelWidth = 170, barMax = 330;
  const max = Math.max(1, ...rows.map(r => r[1]));
  const svg = el('svg:svg', { class: 'reelflow-chart', 'data-chart': name, width: labelWidth + barMax + 240,
    height: Math.max(1, rows.length) * rowHeight + 8, role: 'img', 'aria-label': name });
  rows.forEach(([label, n, note], i) => {
    const y = 4 + i * rowHeight;
    const w = n > 0 ? Math.max(3, Math.round(barMax * n / max)) : 0;
    svg.appendChild(el('svg:text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', 'font-size': 13 }, label));
    if (w) svg.appendChild(el('svg:rect', { class: 'mark', x: labelWidth, y, width: w, height: rowHeight - 8, fill: color, rx: 2 }));
    svg.appendChild(el('svg:text', { x: labelWidth + w + 6, y: y + 16, 'font-size': 13 }, `${n}${unit}${note ? '  ' + note : ''}`));
  });
  return svg;
}

/** Stacked columns per month: months [{month, values: {series: n}}]; a legend below. */
function stackedColumns(name, months, series) {
  const width = 660, height = 220, left = 34, bottom = 22, top = 8;
  const plotH = height - bottom - top, colW = (width - left) / Math.max(1, months.length);
  const totals = months.map(m => series.reduce((s, k) => s + (m.values[k] || 0), 0));
  const max = Math.max(1, ...totals);
  const svg = el('svg:svg', { class: 'reelflow-chart', 'data-chart': name, width, height: height + 22 * Math.ceil(series.length / 4),
    role: 'img', 'aria-label': name });
  [0, 0.5, 1].forEach(f => {
    const y = top + plotH - f * plotH;
    svg.appendChild(el('svg:line', { x1: left, x2: width, y1: y, y2: y, stroke: '#ddd' }));
    svg.appendChild(el('svg:text', { x: left - 4, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, String(Math.round(f * max))));
  });
  months.forEach((m, i) => {
    let y = top + plotH;
    const x = left + i * colW + colW * 0.15;
    series.forEach((k, s) => {
      const n = m.values[k] || 0;
      if (!n) return;
      const h = plotH * n / max;
      y -= h;
      const rect = svg.appendChild(el('svg:rect', { class: 'mark', x, y, width: colW * 0.7, height: h, fill: PALETTE[s % PALETTE.length] }));
      rect.appendChild(el('svg:title', {}, `${m.month} · ${k}: ${n}`));
    });
    svg.appendChild(el('svg:text', { x: x + colW * 0.35, y: height - 6, 'text-anchor': 'middle', 'font-size': 10 }, m.month.slice(2)));
  });
  series.forEach((k, s) => {
    const x = left + (s % 4) * 160, y = height + 6 + 22 * Math.floor(s / 4);
    svg.appendChild(el('svg:rect', { x, y, width: 12, height: 12, fill: PALETTE[s % PALETTE.length] }));
    svg.appendChild(el('svg:text', { x: x + 16, y: y + 11, 'font-size': 12 }, k));
  });
  return svg;
}

/** First-pass acceptance rate per month as a line (0–100 %), with each month's rejections as grey columns. */
function rateChart(name, months) {
  const width = 660, height = 220, left = 40, bottom = 22, top = 10, plotH = height - bottom - top;
  const colW = (width - left) / Math.max(1, months.length);
  const maxRej = Math.max(1, ...months.map(m => m.rejections));
  const svg = el('svg:svg', { class: 'reelflow-chart', 'data-chart': name, width, height: height + 24, role: 'img', 'aria-label': name });
  [0, 0.5, 1].forEach(f => {
    const y = top + plotH - f * plotH;
    svg.appendChild(el('svg:line', { x1: left, x2: width, y1: y, y2: y, stroke: '#ddd' }));
    svg.appendChild(el('svg:text', { x: left - 4, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, `${f * 100} %`));
  });
  const points = [];
  months.forEach((m, i) => {
    const cx = left + i * colW + colW / 2;
    if (m.rejections) {
      const h = plotH * 0.5 * m.rejections / maxRej;
      const r = svg.appendChild(el('svg:rect', { class: 'mark', x: cx - colW * 0.3, y: top + plotH - h, width: colW * 0.6, height: h, fill: '#cfd4d8' }));
      r.appendChild(el('svg:title', {}, `${m.month}: ${m.rejections} rejection(s)`));
    }
    if (m.firstPassAcceptanceRate !== null && m.firstPassAcceptanceRate !== undefined) {
      points.push([cx, top + plotH - plotH * Number(m.firstPassAcceptanceRate), m]);
    }
    svg.appendChild(el('svg:text', { x: cx, y: height - 6, 'text-anchor': 'middle', 'font-size': 10 }, m.month.slice(2)));
  });
  if (points.length > 1) {
    svg.appendChild(el('svg:polyline', { points: points.map(p => `${p[0]},${p[1]}`).join(' '), fill: 'none', stroke: '#b5152b', 'stroke-width': 2 }));
  }
  points.forEach(([x, y, m]) => {
    const c = svg.appendChild(el('svg:circle', { class: 'mark', cx: x, cy: y, r: 4, fill: '#b5152b' }));
    c.appendChild(el('svg:title', {}, `${m.month}: ${pct(m.firstPassAcceptanceRate)} first pass (${m.acceptedFirstPass} of ${m.firstVerdicts})`));
  });
  svg.appendChild(el('svg:line', { x1: left, x2: left + 14, y1: height + 14, y2: height + 14, stroke: '#b5152b', 'stroke-width': 2 }));
  svg.appendChild(el('svg:text', { x: left + 18, y: height + 18, 'font-size': 12 }, 'first-pass acceptance rate'));
  svg.appendChild(el('svg:rect', { x: left + 200, y: height + 8, width: 12, height: 12, fill: '#cfd4d8' }));
  svg.appendChild(el('svg:text', { x: left + 216, y: height + 18, 'font-size': 12 }, 'rejections'));
  return svg;
}

function table(name, headers, rows) {
  const t = el('table', { class: 'cam-table reelflow-table', 'data-table': name });
  const head = el('tr');
  headers.forEach(h => head.appendChild(el('th', {}, h)));
  t.appendChild(el('thead')).appendChild(head);
  const body = t.appendChild(el('tbody'));
  rows.forEach(cells => {
    const tr = body.appendChild(el('tr'));
    cells.forEach(c => {
      const td = tr.appendChild(el('td'));
      if (c instanceof Node) td.appendChild(c); else td.textContent = c;
    });
  });
  return t;
}

/** One panel: a title, a status line, then whatever fill() adds; a failure shows in the panel, the others still load. */
function panel(box, id, title, fill) {
  const p = box.appendChild(el('div', { class: 'reelflow-panel', 'data-panel': id }));
  p.appendChild(el('h4', {}, title));
  const status = p.appendChild(el('p', { class: 'reelflow-status' }, 'Loading…'));
  return fill(p, status).then(() => p.setAttribute('data-state', 'loaded'))
    .catch(e => {
      status.textContent = `Could not load: ${e.message}`;
      status.className += ' text-danger';
      p.setAttribute('data-state', 'failed');
    });
}

function monthSeries(months, key) {
  const names = [...new Set(months.flatMap(m => Object.keys(m[key] || {})))].sort();
  return { names, months: months.map(m => ({ month: m.month, values: m[key] || {} })) };
}

async function deals(p, status) {
  const r = await getJson('/api/reports/deals');
  status.textContent = `${r.total} deal${r.total === 1 ? '' : 's'}`;
  p.dataset.summary = status.textContent;
  p.appendChild(barChart('deals-by-status', Object.entries(r.byStatus), { color: '#1f6fb2' }));
}

async function deliveries(p, status) {
  const r = await getJson('/api/reports/deliveries');
  const open = r.byStage.filter(s => s.stage !== 'ACCEPTED').reduce((n, s) => n + s.deliveries, 0);
  status.textContent = `${r.total} deliveries, ${open} open; days in the current stage, average and oldest`;
  p.dataset.summary = `${open} open deliver${open === 1 ? 'y' : 'ies'}`;
  p.appendChild(barChart('deliveries-by-stage', r.byStage.map(s => [STAGE_LABELS[s.stage] || s.stage, s.deliveries,
    s.deliveries ? `avg ${days(s.averageDaysInStage)} · oldest ${days(s.oldestDaysInStage)}` : '']), { color: '#2e8b57' }));
  if (r.longestWaiting.length) {
    p.appendChild(el('h5', {}, 'Waiting longest in their stage'));
    p.appendChild(table('longest-waiting', ['Deal', 'Title', 'Stage', 'Days in stage', 'Rejections'],
      r.longestWaiting.map(w => [w.crmDealId, w.titleName, STAGE_LABELS[w.stage] || w.stage, days(w.daysInStage), String(w.rejections)])));
  }
}

async function qc(box) {
  const months = await getJson('/api/reports/qc/monthly?months=12');
  const verdicts = months.reduce((n, m) => n + m.firstVerdicts, 0);
  const firstPass = months.reduce((n, m) => n + m.acceptedFirstPass, 0);
  return { months, rate: verdicts ? firstPass / verdicts : null, verdicts, firstPass };
}

async function windows(p, status) {
  const list = await getJson(`/api/windows/expiring?within=${WINDOW_DAYS}d`);
  status.textContent = list.length ? `${list.length} licence window${list.length === 1 ? ' ends' : 's end'} in the next ${WINDOW_DAYS} days`
    : `No licence window ends in the next ${WINDOW_DAYS} days.`;
  p.dataset.summary = `${list.length} window${list.length === 1 ? '' : 's'} ending within ${WINDOW_DAYS} days`;
  if (!list.length) return;
  p.appendChild(barChart('windows-expiring', list.slice(0, 15).map(w => [w.crmDealId, Number(w.daysLeft), `d left · ${w.lastDay}`]),
    { color: '#e08a00' }));
  p.appendChild(table('windows-expiring', ['Deal', 'Licensee', 'Titles', 'Last day', 'Days left', 'Renewal'],
    list.map(w => [w.crmDealId, w.licensee, w.titles, w.lastDay, String(w.daysLeft), w.renewalStatus])));
}

/** Open incidents with their process's name and the deal, from the engine API (Camunda authorizations apply). */
async function incidents(p, status, engineApi) {
  const open = await getJson(`${engineApi}/incident?sortBy=incidentTimestamp&sortOrder=asc&maxResults=500`);
  const definitionIds = [...new Set(open.map(i => i.processDefinitionId))];
  const instanceIds = [...new Set(open.map(i => i.processInstanceId))];
  const definitions = definitionIds.length
    ? await getJson(`${engineApi}/process-definition?processDefinitionIdIn=${definitionIds.join(',')}&maxResults=500`) : [];
  const instances = instanceIds.length
    ? await getJson(`${engineApi}/process-instance?processInstanceIds=${instanceIds.join(',')}&maxResults=500`) : [];
  const nameOf = Object.fromEntries(definitions.map(d => [d.id, d.name || d.key]));
  const dealOf = Object.fromEntries(instances.map(i => [i.id, i.businessKey || '—']));
  status.textContent = open.length ? `${open.length} open incident${open.length === 1 ? '' : 's'}` : 'No open incidents.';
  p.dataset.summary = open.length ? status.textContent : 'no open incidents';
  if (!open.length) return;
  const byProcess = {};
  open.forEach(i => { const n = nameOf[i.processDefinitionId] || i.processDefinitionId; byProcess[n] = (byProcess[n] || 0) + 1; });
  p.appendChild(barChart('incidents-by-process', Object.entries(byProcess).sort((a, b) => b[1] - a[1]), { color: '#b5152b' }));
  p.appendChild(table('incidents', ['Process', 'Deal', 'Activity', 'Since (UTC)', 'Message'], open.map(i => [
    nameOf[i.processDefinitionId] || i.processDefinitionId,
    el('a', { href: `#/process-instance/${i.processInstanceId}/runtime` }, dealOf[i.processInstanceId] || '—'),
    i.activityId, (i.incidentTimestamp || '').slice(0, 16).replace('T', ' '), (i.incidentMessage || i.incidentType || '').slice(0, 160)])));
}

function render(node, { api }) {
  node.innerHTML = '';
  const box = node.appendChild(el('section', { class: 'reelflow-dashboard' }));
  box.appendChild(el('h3', {}, 'Reelflow: deals, deliveries and Netflix QC'));
  const summary = box.appendChild(el('p', { class: 'reelflow-status reelflow-summary' }, 'Loading…'));
  const grid = box.appendChild(el('div', { class: 'reelflow-grid' }));
  const qcData = qc();
  Promise.all([
    panel(grid, 'deals', 'Deals by status', deals),
    panel(grid, 'deliveries', 'Deliveries by stage', deliveries),
    panel(grid, 'qc-rate', 'QC first-pass acceptance, last 12 months', async (p, status) => {
      const q = await qcData;
      status.textContent = q.verdicts ? `${pct(q.rate)} accepted at the first QC (${q.firstPass} of ${q.verdicts} deliveries)`
        : 'No QC verdict in the last 12 months.';
      if (q.verdicts) p.dataset.summary = `${pct(q.rate)} first-pass QC`;
      p.appendChild(rateChart('qc-first-pass', q.months));
    }),
    panel(grid, 'qc-category', 'Rejected QC items by category', async (p, status) => {
      const s = monthSeries((await qcData).months, 'rejectedItemsByCategory');
      status.textContent = s.names.length ? 'per month, by what Netflix found' : 'No rejection in the last 12 months.';
      p.appendChild(stackedColumns('qc-by-category', s.months, s.names));
    }),
    panel(grid, 'qc-vendor', 'Rejected QC items by vendor', async (p, status) => {
      const s = monthSeries((await qcData).months, 'rejectedItemsByVendor');
      status.textContent = s.names.length ? 'per month, by who fixes them (post house, track vendor, coordinator)' : 'No rejection in the last 12 months.';
      p.appendChild(stackedColumns('qc-by-vendor', s.months, s.names));
    }),
    panel(grid, 'windows', `Licence windows ending in the next ${WINDOW_DAYS} days`, windows),
    panel(grid, 'incidents', 'Open incidents per process', (p, status) => incidents(p, status, api.engineApi)),
  ]).then(() => {
    const parts = [...grid.querySelectorAll('.reelflow-panel')].map(p => p.dataset.summary
      || (p.getAttribute('data-state') === 'failed' ? `${p.querySelector('h4').textContent}: could not load` : null)).filter(Boolean);
    summary.textContent = parts.join(' · ');
    box.setAttribute('data-state', 'loaded');
  });
}

export default [
  { id: 'reelflow.dashboard', pluginPoint: 'cockpit.dashboard', priority: 20, render },
  { id: 'reelflow.page', pluginPoint: 'cockpit.route', properties: { path: '/reelflow' }, render },
  {
    id: 'reelflow.navigation', pluginPoint: 'cockpit.navigation', priority: 100,
    properties: { pagePath: '#/reelflow', label: 'Reelflow', checkActive: path => path.indexOf('#/reelflow') > -1 },
  },
];
