// Renders every processes/*.bpmn to docs/images/processes/<name>.svg with bpmn-js's viewer in headless Chromium,
// so docs/processes.md shows each model as Camunda Modeler draws it. Run after changing a model:
//   npm ci --prefix tools/bpmn-render && node tools/bpmn-render/render.js
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const models = path.join(root, 'processes');
const out = path.join(root, 'docs', 'images', 'processes');
const viewer = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<div id="canvas" style="width:1600px;height:900px"></div>');
    await page.addScriptTag({ path: viewer });
    for (const file of fs.readdirSync(models).filter(f => f.endsWith('.bpmn')).sort()) {
      const xml = fs.readFileSync(path.join(models, file), 'utf8');
      const svg = await page.evaluate(async (xml) => {
        const container = document.getElementById('canvas');
        container.innerHTML = '';
        const bpmnViewer = new BpmnJS({ container });
        const { warnings } = await bpmnViewer.importXML(xml);
        const { svg } = await bpmnViewer.saveSVG();
        bpmnViewer.destroy();
        if (warnings.length) throw new Error(warnings.map(w => w.message).join('; '));
        return svg;
      }, xml);
      const target = path.join(out, file.replace(/\.bpmn$/, '.svg'));
      fs.writeFileSync(target, svg + '\n');
      console.log(`${file} -> ${path.relative(root, target)} (${svg.length} bytes)`);
    }
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
