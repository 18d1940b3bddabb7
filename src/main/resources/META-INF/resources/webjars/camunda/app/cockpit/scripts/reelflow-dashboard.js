/*
 * Reelflow in Cockpit: open incidents per process, each with its deal (the process instance's business key), as an
 * inline SVG bar chart and a table — on Cockpit's dashboard and as its own page (#/reelflow, in the header).
 * Read with the signed-in user's Cockpit session from the engine API, so Camunda authorizations apply; no amounts.
 * Plain JS module (Cockpit's plugin interface since 7.14), registered in ./config.js customScripts.
 */
const SVG = 'http://www.w3.org/2000/svg';

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

/** Open incidents with their process's name and the deal, grouped by process. */
async function load(engineApi) {
  const incidents = await getJson(`${engineApi}/incident?sortBy=incidentTimestamp&sortOrder=asc&maxResults=500`);
  const definitionIds = [...new Set(incidents.map(i => i.processDefinitionId))];
  const instanceIds = [...new Set(incidents.map(i => i.processInstanceId))];
  const definitions = definitionIds.length
    ? await getJson(`${engineApi}/process-definition?processDefinitionIdIn=${definitionIds.join(',')}&maxResults=500`) : [];
  const instances = instanceIds.length
    ? await getJson(`${engineApi}/process-instance?processInstanceIds=${instanceIds.join(',')}&maxResults=500`) : [];
  const nameOf = Object.fromEntries(definitions.map(d => [d.id, d.name || d.key]));
  const dealOf = Object.fromEntries(instances.map(p => [p.id, p.businessKey || '—']));
  const rows = incidents.map(i => ({
    process: nameOf[i.processDefinitionId] || i.processDefinitionId,
    deal: dealOf[i.processInstanceId] || '—',
    instance: i.processInstanceId,
    activity: i.activityId,
    since: (i.incidentTimestamp || '').slice(0, 16).replace('T', ' '),
    message: (i.incidentMessage || i.incidentType || '').slice(0, 160),
  }));
  const byProcess = {};
  rows.forEach(r => { byProcess[r.process] = (byProcess[r.process] || 0) + 1; });
  return { rows, byProcess };
}

function barChart(counts) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const rowHeight = 26, labelWidth = 230, barMax = 360;
  const max = Math.max(1, ...entries.map(e => e[1]));
  const svg = el('svg:svg', { class: 'reelflow-chart', width: labelWidth + barMax + 50, height: Math.max(1, entries.length) * rowHeight + 8,
    role: 'img', 'aria-label': 'open incidents per process' });
  entries.forEach(([name, n], i) => {
    const y = 4 + i * rowHeight;
    svg.appendChild(el('svg:text', { x: labelWidth - 8, y: y + 16, 'text-anchor': 'end', 'font-size': 13 }, name));
    svg.appendChild(el('svg:rect', { x: labelWidth, y, width: Math.max(2, Math.round(barMax * n / max)), height: rowHeight - 8, fill: '#b5152b', rx: 2 }));
    svg.appendChild(el('svg:text', { x: labelWidth + Math.round(barMax * n / max) + 6, y: y + 16, 'font-size': 13 }, String(n)));
  });
  return svg;
}

function table(rows) {
  const t = el('table', { class: 'cam-table reelflow-incidents' });
  const head = el('tr');
  ['Process', 'Deal', 'Activity', 'Since (UTC)', 'Message'].forEach(h => head.appendChild(el('th', {}, h)));
  t.appendChild(el('thead')).appendChild(head);
  const body = t.appendChild(el('tbody'));
  rows.forEach(r => {
    const tr = body.appendChild(el('tr'));
    tr.appendChild(el('td', {}, r.process));
    const deal = tr.appendChild(el('td'));
    deal.appendChild(el('a', { href: `#/process-instance/${r.instance}/runtime` }, r.deal));
    [r.activity, r.since, r.message].forEach(v => tr.appendChild(el('td', {}, v)));
  });
  return t;
}

function render(node, { api }) {
  node.innerHTML = '';
  const box = node.appendChild(el('section', { class: 'reelflow-dashboard' }));
  box.appendChild(el('h3', {}, 'Reelflow: open incidents per process'));
  const status = box.appendChild(el('p', { class: 'reelflow-status' }, 'Loading…'));
  load(api.engineApi).then(({ rows, byProcess }) => {
    status.textContent = rows.length ? `${rows.length} open incident${rows.length === 1 ? '' : 's'}` : 'No open incidents.';
    if (rows.length) {
      box.appendChild(barChart(byProcess));
      box.appendChild(table(rows));
    }
  }).catch(e => { status.textContent = 'Could not load the incidents: ' + e.message; status.className += ' text-danger'; });
}

export default [
  { id: 'reelflow.dashboard', pluginPoint: 'cockpit.dashboard', priority: 20, render },
  { id: 'reelflow.page', pluginPoint: 'cockpit.route', properties: { path: '/reelflow' }, render },
  {
    id: 'reelflow.navigation', pluginPoint: 'cockpit.navigation', priority: 100,
    properties: { pagePath: '#/reelflow', label: 'Reelflow', checkActive: path => path.indexOf('#/reelflow') > -1 },
  },
];
