// The README read as a new user would: every `$ wa-ops ...` of its console blocks runs, in order, from a fresh
// copy of the fixtures against the sandbox (the environment the sandbox prints), and every output line the
// README shows (but "..." lines) is what the command prints. Long-running servers are checked separately.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { startWebhookServer, type WebhookServer } from '../../src/webhook/server.js';
import { cleanEnv, root, tempDir } from '../helpers.js';

interface Step {
  command: string;
  expected: string[];
  section: string;
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The console blocks' commands in README order, each with the output lines shown under it and its section. */
function steps(): Step[] {
  const out: Step[] = [];
  let section = '';
  let inConsole = false;
  let current: Step | undefined;
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!inConsole && line.startsWith('## ')) section = line;
    if (/^\s*```console/.test(line)) {
      inConsole = true;
      continue;
    }
    if (inConsole && /^\s*```/.test(line)) {
      inConsole = false;
      current = undefined;
      continue;
    }
    if (!inConsole) continue;
    const text = line.replace(/^ {2}(?=\$ )/, '');
    if (text.startsWith('$ ')) {
      let command = text.slice(2);
      while (command.endsWith('\\')) command = `${command.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
      current = { command, expected: [], section };
      out.push(current);
    } else if (current) current.expected.push(line);
  }
  return out;
}

/** Shell words: "double" and 'single' quotes, nothing else. */
function words(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((a) => a.replace(/^["']|["']$/g, ''));
}

let plain: SandboxServer;
let hooked: SandboxServer;
let hooks: WebhookServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('wa-ops-readme-');
  cpSync(join(root, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  // The campaign examples run against a sandbox without webhooks (the README's tables show 0 delivered);
  // the send --to section starts one that sends its webhooks to webhook serve, as it says.
  plain = await startSandbox();
  hooks = await startWebhookServer({ port: 0, host: '127.0.0.1', path: '/webhook', appSecret: 'sandbox-app-secret', eventsPath: join(dir, 'webhook-events.jsonl'), suppressionsPath: join(dir, 'hook-suppressions.jsonl') });
  // A review long enough that templates push -> templates status --watch sees it PENDING even on a loaded machine.
  hooked = await startSandbox({ webhookUrl: hooks.url, statusDelayMs: 50, reviewDelayMs: 8000 });
});
afterAll(async () => {
  await plain?.close();
  await hooked?.close();
  await hooks?.close();
});

/** Run a command line in bash in the copy, with `wa-ops` as the built CLI and only the given WA_OPS_* variables. */
function shell(line: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const script = `wa-ops() { "${process.execPath}" "${join(root, 'bin', 'wa-ops.js')}" "$@"; }\n${line}`;
    const child = spawn('bash', ['-c', script], { cwd: dir, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** What differs between two honest runs: times, wamids, random campaign ids, ports, the folder, table padding. */
function normalise(line: string): string {
  return line
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)/g, 'LOCALTIME')
    .replace(/wamid\.[A-Za-z0-9_=-]+/g, 'WAMID')
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:PORT')
    .replace(/\b(delivered|read) after \d+(\.\d+)?s\b/g, 'STATE after Ns') // whichever status webhook came first
    .replace(new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '/home/you/wa-ops')
    .replace(/[─┬┼┴┌┐└┘├┤]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const SKIP = [
  /^(WA_OPS_\w+=\.\.\. )+wa-ops (init|webhook serve)/, // placeholders for the user's own secrets
  /^wa-ops status .*--watch/, // runs until Ctrl-C (test/e2e/status-watch.test.ts)
  /^wa-ops sandbox /, // a server: checked below
  /^curl /,
  /^cut /, // a shell tool reading a file an earlier example wrote, not wa-ops
];

/** Run, but their figures depend on what the events file holds by then: the exit code is checked, not the lines. */
const FIGURES = [/^wa-ops webhook analyze /];

describe('the README, followed as written', () => {
  it('every console example runs from a fresh copy and prints what the README shows', async () => {
    const all = steps();
    expect(all.length).toBeGreaterThan(20);
    // What the sandbox tells a new user to export (its banner), for the sections before the README's own exports.
    let env: Record<string, string> = {
      WA_OPS_GRAPH_URL: plain.url,
      WA_OPS_TOKEN: 'sandbox-token',
      WA_OPS_PHONE_NUMBER_ID: '109876543210987',
      WA_OPS_WABA_ID: '210987654321098',
      WA_OPS_APP_ID: '1234567890123456',
      WA_OPS_APP_SECRET: 'sandbox-app-secret',
    };
    let lastCode: number | null = null;
    const ran: string[] = [];
    const problems: string[] = [];
    for (const step of all) {
      const c = step.command;
      if (SKIP.some((s) => s.test(c))) continue;
      if (c.startsWith('export ')) {
        // The README's exports point at the sandbox that sends webhooks (the one its section starts).
        for (const w of words(c.slice(7))) {
          const [k, v] = w.split('=');
          env = { ...env, [k]: v.replace(/^http:\/\/127\.0\.0\.1:8081$/, hooked.url) };
        }
        continue;
      }
      if (c === 'echo $?') {
        expect(String(lastCode), `${step.section}: echo $?`).toBe(step.expected[0]);
        continue;
      }
      // As a user types it: a shell in the clone, wa-ops being the built CLI (pipes, quotes, redirections as written).
      const r = await shell(c, env);
      lastCode = r.code;
      ran.push(c);
      if (r.code !== 0 && r.code !== 1) problems.push(`${c}: exit ${r.code}\n${r.stderr}`);
      const actual = new Set(`${r.stdout}\n${r.stderr}`.split('\n').map(normalise));
      const compared = FIGURES.some((f) => f.test(c)) ? [] : step.expected;
      const missing = compared.filter((line) => !(/\.\.\.|…/.test(line) || line.trim() === '') && !actual.has(normalise(line)));
      if (missing.length) problems.push(`$ ${c}\nREADME lines not printed:\n${missing.join('\n')}\n--- printed:\n${r.stdout}${r.stderr}`);
    }
    expect(problems.join('\n\n'), 'README examples that do not print what the README shows').toBe('');
    expect(ran.length).toBeGreaterThan(15);
  }, 240_000);

  it('the sandbox example prints what the README shows', async () => {
    const step = steps().find((s) => /^wa-ops sandbox /.test(s.command))!;
    const args = words(step.command).slice(1).map((a) => (a === '8081' ? '0' : a));
    const child = spawn(process.execPath, [join(root, 'bin', 'wa-ops.js'), ...args], { cwd: tempDir(), env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    for (let i = 0; i < 100 && !/stop: Ctrl-C/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    const actual = new Set(output.split('\n').map(normalise));
    for (const line of step.expected) {
      if (/\.\.\.|…/.test(line) || line.trim() === '') continue;
      expect(actual.has(normalise(line)), `README line not printed:\n${line}\n--- printed:\n${output}`).toBe(true);
    }
  }, 30_000);
});
