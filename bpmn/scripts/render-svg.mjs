// Renders a BPMN file to SVG with bpmn-js in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
// Usage (from a directory where `npm install bpmn-js@18 playwright-core@1` was run):
//   node render-svg.mjs <model.bpmn> <out.svg>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [, , input, output] = process.argv;
if (!input || !output) {
  console.error('usage: node render-svg.mjs <model.bpmn> <out.svg>');
  process.exit(2);
}
const require = createRequire(process.cwd() + '/');
const { chromium } = require('playwright-core');
const viewer = readFileSync(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const xml = readFileSync(input, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<html><body><div id="canvas" style="width:2000px;height:800px"></div></body></html>');
  await page.addScriptTag({ content: viewer });
  const svg = await page.evaluate(async (model) => {
    const bpmn = new window.BpmnJS({ container: '#canvas' });
    const { warnings } = await bpmn.importXML(model);
    if (warnings.length) {
      console.warn(warnings.map((w) => w.message).join('\n'));
    }
    return (await bpmn.saveSVG()).svg;
  }, xml);
  writeFileSync(output, svg);
  console.log(`wrote ${output} (${svg.length} bytes)`);
} finally {
  await browser.close();
}
