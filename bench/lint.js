// lint-template on 1,000 templates in several languages (clean and faulty), as one CLI run and in-process.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintTemplate } from '../dist/core/lint/engine.js';
import { root, runCli, fmt, figure } from './lib.js';

const COUNT = 1000;

function corpus() {
  const out = [];
  for (const d of ['clean', 'faulty']) {
    const dir = join(root, 'fixtures', 'templates', d);
    for (const f of readdirSync(dir)) {
      if (f === 'invalid.json' || f === 'not-a-template.json') continue;
      out.push(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    }
  }
  const list = [];
  for (let i = 0; i < COUNT; i++) {
    const t = structuredClone(out[i % out.length]);
    t.name = `${t.name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${i}`;
    for (const c of t.components) if (typeof c.text === 'string') c.text = c.text.replace(/\.$/, ` (ref ${i}).`);
    list.push(t);
  }
  return list;
}

export async function benchLint() {
  console.log(`\nlint-template: ${fmt(COUNT)} templates`);
  const list = corpus();
  const dir = mkdtempSync(join(tmpdir(), 'wa-ops-bench-lint-'));
  const file = join(dir, 'templates.json');
  writeFileSync(file, JSON.stringify({ data: list }, null, 2));
  try {
    const t0 = performance.now();
    const copy = JSON.parse(readFileSync(file, 'utf8'));
    let chars = 0;
    for (const t of copy.data) for (const c of t.components) chars += (c.text ?? '').length;
    const baselineMs = performance.now() - t0;

    const t1 = performance.now();
    let findings = 0;
    for (const t of list) findings += lintTemplate(t, { file, kind: 'json' }).findings.length;
    const engineMs = performance.now() - t1;
    figure('engine, in process (cold)', fmt(engineMs, 1), 'ms', `${fmt(COUNT / (engineMs / 1000))} templates/s, ${fmt(findings)} findings`);
    const t2 = performance.now();
    for (const t of list) lintTemplate(t, { file, kind: 'json' });
    const warmMs = performance.now() - t2;
    figure('engine, in process (warm)', fmt(warmMs, 1), 'ms', `${fmt(COUNT / (warmMs / 1000))} templates/s`);
    figure('baseline: read + JSON.parse + walk', fmt(baselineMs, 1), 'ms', `ratio engine/baseline ${fmt(warmMs / baselineMs, 1)}`);

    const res = await runCli(['lint-template', file, '--format', 'json']);
    const doc = JSON.parse(res.stdout);
    figure('wa-ops lint-template (whole CLI)', fmt(res.ms), 'ms', `target < 1000; ${fmt(doc.errorCount)} errors, ${fmt(doc.warningCount)} warnings`);
    figure('peak RSS', fmt(res.maxRssMb, 1), 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
