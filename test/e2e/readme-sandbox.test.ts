// The README's examples for send --to, templates, suppressions, campaigns and status --watch run as written against
// `wa-ops sandbox` and `wa-ops webhook serve` (started from the README's own lines, on free ports), in the README's order.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, root, runCli, tempDir } from '../helpers.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The sections (## or ###) whose heading names one of these commands. */
const SECTIONS = [/^`wa-ops send --campaign/, /^`wa-ops status --campaign <file> --watch`/, /^`wa-ops campaigns/, /^`wa-ops send --to/, /^`wa-ops templates/, /^`wa-ops suppressions/];
const sections = readme.split(/^#{2,3} /m).filter((s) => SECTIONS.some((re) => re.test(s)));

/** `$ wa-ops ...` lines of the console blocks (continuations joined), in README order. */
const commands = sections.flatMap((s) => [...s.matchAll(/^\$ wa-ops ((?:.*\\\n)*.+)$/gm)].map((m) => m[1].replace(/\\\n\s*/g, ' ')));

/** Each README command, what it must exit with and print (stdout and stderr together). Every command above needs one. */
const EXPECT: [RegExp, number, (string | RegExp)[]][] = [
  [/^send --campaign /, 0, ['this run: 6 sent, 0 failed']],
  [/^campaigns /, 0, [/spring-sale +done +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\) +spring-sale\.json +6\/6 \(100 %\)/]],
  [/^send --to \+4917012345678 --template /, 0, [/^wamid\.\S+$/m, 'waiting up to 2m 00s for status webhooks in webhook-events.jsonl', /^(delivered|read) after \d+(\.\d)?s$/m]],
  [/^send --to "0170 1234568" .*--text /, 1, ['warning +491701234568 has not written in the last 24 h', 'failed: (#131047) the 24 h customer service window is closed']],
  [/^templates list /, 0, [/│ hello_world +│ en_US +│ UTILITY +│ APPROVED/, '4 templates']],
  [/^templates pull /, 0, [/5 templates in .*templates: 5 created, 0 updated, 0 unchanged/]],
  [/^templates push /, 0, [/payment_receipt:en_US │ created +│ PENDING/, '1 created, 0 updated, 0 unchanged, 0 refused', 'follow the review with: wa-ops templates status payment_receipt:en_US --watch']],
  // The review may be over before the watch starts (the sandbox decides after 2 s): the transition line is then not printed.
  [/^templates status payment_receipt:en_US --watch/, 0, [/│ payment_receipt:en_US │ UTILITY +│ APPROVED/]],
  [/^suppressions add /, 0, ['suppressed +491701234567 (manual, scope marketing)']],
  [/^suppressions import /, 0, ['columns: phone "Mobile", country "country"', '3 numbers suppressed from fixtures/suppressions/crm-opt-outs.csv (5 rows; 0 already suppressed, 1 repeated, 1 invalid)', 'warning fixtures/suppressions/crm-opt-outs.csv:4: not a valid number (invalid-characters), skipped']],
  [/^suppressions remove /, 0, ['lifted +491701234567 (was manual, scope marketing) by alice']],
  [/^suppressions export /, 0, ['wrote 3 suppressions to suppressed.csv']],
];

function args(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((a) => a.replace(/^["']|["']$/g, ''));
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGINT');
});

/** Start a long-running wa-ops command; resolves with its first stdout line (the URL it prints). */
function start(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...argv], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (d) => resolve(String(d).split('\n')[0].trim()));
    child.on('close', (code) => reject(new Error(`wa-ops ${argv.join(' ')} exited ${code}: ${err}`)));
  });
}

/** `status --watch` until its first line, then Ctrl-C. */
function watchOnce(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...argv], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('\n')) child.kill('SIGINT');
  });
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('README examples against the sandbox', () => {
  it('every example of these sections has an expectation, and each expectation quotes the README', () => {
    expect(commands.length).toBeGreaterThanOrEqual(13);
    for (const c of commands) expect(EXPECT.filter(([re]) => re.test(c)).length + (/^status --campaign .* --watch/.test(c) ? 1 : 0), c).toBe(1);
    for (const [, , wants] of EXPECT) for (const w of wants) if (typeof w === 'string') expect(readme, w).toContain(w);
  });

  it('run as written, in order, with the two servers started from the README lines', async () => {
    const dir = tempDir('wa-ops-readme-');
    cpSync(join(root, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
    const section = sections.find((s) => s.startsWith('`wa-ops send --to'))!;
    const serveLine = /^(\w+)=(\S+) wa-ops (webhook serve .*)$/m.exec(section)!;
    const sandboxLine = /^wa-ops (sandbox .*)$/m.exec(section)!;
    const hook = await start(args(serveLine[3]).map((a, i, all) => (all[i - 1] === '--port' ? '0' : a)), dir, { [serveLine[1]]: serveLine[2] });
    const sandbox = await start(args(sandboxLine[1]).map((a, i, all) => (all[i - 1] === '--port' ? '0' : all[i - 1] === '--webhook-url' ? hook : a)), dir, {});
    // The `export` lines of the README, with the sandbox's real address.
    const env: NodeJS.ProcessEnv = {};
    for (const m of section.matchAll(/^\$ export (.+)$/gm)) for (const kv of m[1].split(' ')) env[kv.split('=')[0]] = kv.split('=')[1];
    env.WA_OPS_GRAPH_URL = sandbox;

    for (const line of commands) {
      if (/^status --campaign .* --watch/.test(line)) {
        const w = await watchOnce(args(line), dir, env);
        expect(w.code, line).toBe(130);
        expect(w.out, line).toMatch(/spring-sale/);
        continue;
      }
      const [, code, wants] = EXPECT.find(([re]) => re.test(line))!;
      const r = await runCli(args(line), { cwd: dir, env });
      const both = `${r.stdout}\n${r.stderr}`;
      expect(r.code, `wa-ops ${line}\n${both}`).toBe(code);
      for (const w of wants) {
        if (typeof w === 'string') expect(both, `wa-ops ${line}`).toContain(w);
        else expect(both, `wa-ops ${line}`).toMatch(w);
      }
      if (line.startsWith('send --to "0170 1234568"')) {
        // The README's curl: the customer writes in, and the same free-form text is delivered.
        const curl = /curl -s -X POST http:\/\/127\.0\.0\.1:8081(\/_sandbox\/inbound) -d '([^']+)'/.exec(section)!;
        expect((await fetch(`${sandbox}${curl[1]}`, { method: 'POST', body: curl[2] })).status).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
        const again = await runCli(args(line), { cwd: dir, env });
        expect(again.code, again.stderr).toBe(0);
        expect(again.stderr).toMatch(/^(delivered|read) after/m);
      }
    }
  }, 120_000);
});
