// How a campaign send reacts to Meta's per-recipient error codes, against the sandbox: an opt-out answer (131050)
// binds every later marketing campaign; a refused parameter (132018) fails that recipient while the run goes on.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
const failNext = (code: number, count = 1) => fetch(`${sb.url}/_sandbox/fail-next`, { method: 'POST', body: JSON.stringify({ code, count, httpStatus: 400 }) });
const accepted = async () => ((await (await fetch(`${sb.url}/_sandbox/messages`)).json()) as { data: { to: string }[] }).data.map((m) => m.to);

/** A folder with a list of n numbers and a marketing (spring_sale) and a utility (appointment_reminder) campaign on it. */
function folder(n: number, prefix: string): string {
  const dir = tempDir('wa-ops-codes-');
  const rows = Array.from({ length: n }, (_, i) => `N${i},${prefix}${String(i).padStart(4, '0')},V${i},Mon,10:00`);
  writeFileSync(join(dir, 'list.csv'), 'first_name,phone,voucher,day,time\n' + rows.join('\n') + '\n');
  const marketing = (name: string) => ({ name, recipients: 'list.csv', template: { name: 'spring_sale', language: 'de' }, parameters: { body: ['first_name', 'voucher'] } });
  writeFileSync(join(dir, 'a.json'), JSON.stringify(marketing('first')));
  writeFileSync(join(dir, 'b.json'), JSON.stringify(marketing('second')));
  writeFileSync(join(dir, 'u.json'), JSON.stringify({ name: 'reminder', recipients: 'list.csv', template: { name: 'appointment_reminder', language: 'en_US' }, parameters: { body: ['first_name', 'day', 'time'] } }));
  return dir;
}

describe('131050 in the send answer', () => {
  it('puts the number on the suppression list (marketing only): a later marketing campaign skips it with the reason, a utility one still sends', async () => {
    const dir = folder(2, '+49171880');
    const send = (file: string) => runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { cwd: dir, env: env() });
    await failNext(131050);
    const first = await send('a.json');
    expect(JSON.parse(first.stdout)).toMatchObject({ sent: 1, failed: 1, failures: { 131050: 1 } });
    expect(first.stderr).toMatch(/\+491718800000: opted out of marketing messages \(131050\): added to the suppression list/);
    const records = readFileSync(join(dir, 'wa-ops.suppressions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toEqual([expect.objectContaining({ op: 'add', e164: '+491718800000', reason: '131050', scope: 'marketing', source: 'send', by: 'campaign first' })]);

    const before = (await accepted()).length;
    const second = await send('b.json');
    expect(JSON.parse(second.stdout)).toMatchObject({ sent: 1, skipped: 1, failed: 0 });
    expect((await accepted()).slice(before)).toEqual(['+491718800001']);
    const exported = await runCli(['status', '--campaign', 'b.json', '--export', 'out.csv'], { cwd: dir, env: env() });
    expect(exported.code).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/\+491718800000.*suppressed: 131050 \(marketing only\)/);

    const utility = await send('u.json');
    expect(JSON.parse(utility.stdout)).toMatchObject({ sent: 2, skipped: 0 });
  });
});

describe('131050 whose list write was lost (killed between the ledger line and the list line)', () => {
  it('the next run of the campaign puts it back on the list; one the operator lifted since stays lifted', async () => {
    const dir = folder(3, '+49171885');
    const send = (file: string, ...more: string[]) => runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json', ...more], { cwd: dir, env: env() });
    const list = () => readFileSync(join(dir, 'wa-ops.suppressions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    await failNext(131050);
    expect(JSON.parse((await send('a.json', '--limit', '1')).stdout)).toMatchObject({ failed: 1, failures: { 131050: 1 } });
    rmSync(join(dir, 'wa-ops.suppressions.jsonl')); // the list never got the line
    const rerun = await send('a.json');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/\+491718850000: refused with 131050 \(opted out of marketing\) in an earlier run, missing from the suppression list: added now/);
    expect(list()).toEqual([expect.objectContaining({ op: 'add', e164: '+491718850000', reason: '131050', scope: 'marketing', by: 'campaign first' })]);
    const before = (await accepted()).length;
    expect(JSON.parse((await send('b.json')).stdout)).toMatchObject({ sent: 2, skipped: 1 });
    expect((await accepted()).slice(before)).not.toContain('+491718850000');


    // Lifted by the operator after the failure: the next run of a campaign whose ledger holds that 131050 leaves it lifted.
    const other = folder(3, '+49171886');
    const sendOther = (...more: string[]) => runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--yes', '--json', ...more], { cwd: other, env: env() });
    await failNext(131050);
    expect(JSON.parse((await sendOther('--limit', '1')).stdout)).toMatchObject({ failed: 1 });
    expect((await runCli(['suppressions', 'remove', '+491718860000'], { cwd: other, env: env() })).code).toBe(0);
    const again = await sendOther();
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: 2 });
    expect(again.stderr).not.toMatch(/added now/);
    const records = readFileSync(join(other, 'wa-ops.suppressions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(records.map((r) => r.op)).toEqual(['add', 'lift']);
  });
});

describe('132018 (a parameter value refused) in the send answer', () => {
  it('one recipient: failed with the code, the run goes on (exit 0)', async () => {
    const dir = folder(4, '+49171881');
    await failNext(132018);
    const r = await runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--yes', '--json'], { cwd: dir, env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'done', sent: 3, failed: 1, pending: 0, failures: { 132018: 1 } });
  });

  it('many in a row: the run stops after 5 (exit 3), nobody failed, everyone pending; the next run sends them all', async () => {
    const dir = folder(8, '+49171882');
    await failNext(132018, 5);
    const r = await runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--yes', '--json'], { cwd: dir, env: env() });
    expect(r.code, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'aborted', sent: 0, failed: 0, pending: 8 });
    const again = await runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--yes', '--json'], { cwd: dir, env: env() });
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'done', sent: 8, failed: 0 });
  });
});

describe('131050 in the answer to send --to', () => {
  it('records the marketing-only opt-out: the next marketing send --to is refused before sending (exit 2), a utility one goes', async () => {
    const dir = tempDir('wa-ops-codes-to-');
    const to = (template: string, ...params: string[]) => runCli(['send', '--to', '+4917188300001', '--template', template, ...params.flatMap((p) => ['--param', p]), '--yes'], { cwd: dir, env: env() });
    await failNext(131050);
    const first = await to('spring_sale:de', '1=Anna', '2=X');
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/\+4917188300001 opted out of marketing messages \(131050\): added to the suppression list/);
    const before = (await accepted()).length;
    const again = await to('spring_sale:de', '1=Anna', '2=X');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is suppressed \(131050, scope marketing/);
    expect((await accepted()).length).toBe(before);
    expect((await to('hello_world:en_US')).code).toBe(0);
  });
});

describe('template pacing (message_status held_for_quality_assessment)', () => {
  it('is said once per run: accepted is not "on its way"', async () => {
    const { createServer } = await import('node:http');
    // Passes everything to the sandbox; the send answers say the messages are held for quality assessment.
    const front = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const up = await fetch(sb.url + req.url, { method: req.method, headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': 'application/json' }, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
      const text = (await up.text()).replace('"message_status":"accepted"', '"message_status":"held_for_quality_assessment"');
      res.writeHead(up.status, { 'content-type': 'application/json' }).end(text);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const dir = folder(3, '+49171884');
      const url = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
      const r = await runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--yes'], { cwd: dir, env: { ...env(), WA_OPS_GRAPH_URL: url } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.match(/template spring_sale is under Meta's pacing: messages are accepted as "held_for_quality_assessment"/g)).toHaveLength(1);
    } finally {
      front.close();
    }
  });
});

describe('a POST whose answer never comes (timeout after the request was written)', () => {
  it('leaves that recipient unknown; a rerun does not send it again; --retry-unknown does', async () => {
    const { createServer } = await import('node:http');
    const posts: string[] = [];
    // Passes everything to the sandbox, except that the second message POST is taken and never answered.
    const front = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url?.endsWith('/messages')) {
        posts.push(String(JSON.parse(body.toString()).to));
        if (posts.length === 2) return;
      }
      const up = await fetch(sb.url + req.url, { method: req.method, headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': 'application/json' }, body: req.method === 'POST' ? body : undefined });
      res.writeHead(up.status, { 'content-type': 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const dir = folder(3, '+49171885');
      const e = { ...env(), WA_OPS_GRAPH_URL: `http://127.0.0.1:${(front.address() as { port: number }).port}` };
      const send = (...extra: string[]) => runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--yes', '--json', ...extra], { cwd: dir, env: e });
      const first = await send();
      expect(JSON.parse(first.stdout)).toMatchObject({ sent: 2, unknown: 1, failed: 0, pending: 0 });
      expect(first.stderr).toMatch(/timed out waiting for the answer; the message may have been sent, recorded as unknown/);
      const hung = posts[1];
      const again = await send();
      expect(JSON.parse(again.stdout)).toMatchObject({ unknown: 1, thisRun: { sent: 0, failed: 0 } });
      expect(posts.filter((p) => p === hung)).toHaveLength(1);
      const retried = await send('--retry-unknown');
      expect(JSON.parse(retried.stdout)).toMatchObject({ sent: 3, unknown: 0 });
      expect(posts.filter((p) => p === hung)).toHaveLength(2);
    } finally {
      front.closeAllConnections();
      front.close();
    }
  }, 60_000);
});

describe('a sender cooldown met by another campaign of the folder (local files)', () => {
  it('131048 in campaign a binds campaign b on the same number: b sends nothing during it (--no-wait: exit 75, says whose)', async () => {
    const dir = folder(3, '+49171886');
    await failNext(131048);
    const a = await runCli(['send', '--campaign', 'a.json', '--interval', '20ms', '--no-wait', '--yes', '--json'], { cwd: dir, env: env() });
    expect(a.code).toBe(75);
    const before = (await accepted()).length;
    const b = await runCli(['send', '--campaign', 'b.json', '--interval', '20ms', '--no-wait', '--yes'], { cwd: dir, env: env() });
    expect(b.code, b.stderr).toBe(75);
    expect(b.stderr).toMatch(/cooldown in force \(code 131048 on sender 109876543210987: .*\(met by the campaign of a\.ledger\.jsonl\)/);
    expect((await accepted()).length).toBe(before);
  });
});
