import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { fixtures, runCli, tempDir } from '../helpers.js';

let sb: SandboxServer;
const env = () => ({ WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: '109876543210987', WA_OPS_WABA_ID: '210987654321098' });
const cli = (args: string[], cwd?: string) => runCli(args, { env: env(), cwd });
const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  return { code: r.code, doc: JSON.parse(r.stdout), stderr: r.stderr };
};

/** A template file in a temp folder, optionally with changes. */
function templateFile(dir: string, name: string, over: Record<string, unknown> = {}): string {
  const t = { ...JSON.parse(readFileSync(join(fixtures, 'templates/clean/payment_receipt.json'), 'utf8')), name, ...over };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(t, null, 2));
  return file;
}

beforeAll(async () => {
  sb = await startSandbox({ reviewDelayMs: 5000 });
});
afterAll(() => sb.close());

describe('templates list', () => {
  it('lists every template with its review facts, and filters', async () => {
    const all = await json(['templates', 'list']);
    expect(all.code).toBe(0);
    expect(all.doc.templates).toContainEqual(expect.objectContaining({ name: 'hello_world', language: 'en_US', category: 'UTILITY', status: 'APPROVED', rejectedReason: '' }));
    const marketing = await json(['templates', 'list', '--category', 'marketing']);
    expect(marketing.doc.templates.map((t: { name: string }) => t.name).sort()).toEqual(['new_collection', 'spring_sale']);
    const none = await cli(['templates', 'list', '--status', 'REJECTED']);
    expect(none.stdout).toMatch(/no templates match/);
    const bad = await cli(['templates', 'list', '--status', 'GREEN']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')[0]).toMatch(/--status takes APPROVED/);
  });
});

describe('templates pull', () => {
  it('writes one lintable 0644 file per name and language, and never overwrites a file it did not write', async () => {
    const dir = tempDir('wa-ops-pull-');
    const first = await json(['templates', 'pull', '--out', dir, '--language', 'en_US']);
    expect(first.code).toBe(0);
    expect(first.doc.created).toBeGreaterThanOrEqual(4);
    const file = join(dir, 'order_shipped.en_US.json');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ name: 'order_shipped', language: 'en_US', category: 'UTILITY', components: expect.any(Array) });
    expect(JSON.parse(readFileSync(file, 'utf8')).status).toBeUndefined();
    const lint = await cli(['lint-template', file, '--format', 'json']);
    expect(JSON.parse(lint.stdout).results[0]).toMatchObject({ template: 'order_shipped', language: 'en_US' });

    const again = await json(['templates', 'pull', '--out', dir, '--language', 'en_US']);
    expect(again.doc).toMatchObject({ created: 0, updated: 0, kept: 0, unchanged: first.doc.created });
    // The round trip: pushing the pulled folder submits nothing.
    const roundTrip = await json(['templates', 'push', dir]);
    expect(roundTrip.code, roundTrip.stderr).toBe(0);
    expect(roundTrip.doc.pushed.map((p: { outcome: string }) => p.outcome)).toEqual(Array(first.doc.created).fill('unchanged'));

    const mine = join(dir, 'hello_world.en_US.json');
    writeFileSync(mine, '{"my": "own edits"}\n');
    const kept = await json(['templates', 'pull', '--out', dir, '--name', 'hello_world']);
    expect(kept.code).toBe(1);
    expect(kept.doc.files[0]).toMatchObject({ outcome: 'kept', reason: expect.stringMatching(/edited since the last pull/) });
    expect(readFileSync(mine, 'utf8')).toBe('{"my": "own edits"}\n');
    const foreign = tempDir('wa-ops-pull-foreign-');
    writeFileSync(join(foreign, 'hello_world.en_US.json'), 'not ours');
    const notOurs = await json(['templates', 'pull', '--out', foreign, '--name', 'hello_world']);
    expect(notOurs.doc.files[0].reason).toMatch(/not written by wa-ops/);
    const forced = await json(['templates', 'pull', '--out', dir, '--name', 'hello_world', '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(mine, 'utf8')).name).toBe('hello_world');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('templates push and status', () => {
  it('creates a template, then leaves an identical one alone', async () => {
    const dir = tempDir('wa-ops-push-');
    const file = templateFile(dir, 'receipt_push_once');
    const created = await json(['templates', 'push', file]);
    expect(created.code).toBe(0);
    expect(created.doc.pushed[0]).toMatchObject({ file, template: 'receipt_push_once', outcome: 'created', id: expect.any(String) });
    // Approved meanwhile: an edit would send it back to PENDING, a create would add a second one.
    sb.state.template('receipt_push_once', 'en_US')!.status = 'APPROVED';
    const add = sb.state.addTemplate.bind(sb.state);
    let creates = 0;
    sb.state.addTemplate = (t) => (creates++, add(t));
    try {
      const again = await json(['templates', 'push', dir]);
      expect(again.code).toBe(0);
      expect(again.doc.pushed[0]).toMatchObject({ outcome: 'unchanged', status: 'APPROVED', id: created.doc.pushed[0].id });
    } finally {
      sb.state.addTemplate = add;
    }
    expect(creates).toBe(0);
    expect(sb.state.template('receipt_push_once', 'en_US')!.status).toBe('APPROVED');
  });

  it('follows a review from PENDING to APPROVED, then edits the approved template', async () => {
    // Meta decides when it decides: a sandbox that never decides by itself, and the decision made here once the watch is polling.
    const slow = await startSandbox({ reviewDelayMs: 600_000 });
    try {
      const run = (args: string[]) => runCli(args, { env: { ...env(), WA_OPS_GRAPH_URL: slow.url } });
      const dir = tempDir('wa-ops-push-edit-');
      const file = templateFile(dir, 'receipt_edit');
      const created = JSON.parse((await run(['templates', 'push', file, '--json'])).stdout);
      expect(created.pushed[0]).toMatchObject({ outcome: 'created', status: 'PENDING' });
      const templates = slow.state.templates;
      const values = templates.values.bind(templates);
      let lists = 0;
      templates.values = () => (lists++, values());
      const watching = run(['templates', 'status', 'receipt_edit', '--watch', '--interval', '100ms', '--timeout', '30s']);
      for (let i = 0; i < 300 && lists < 2; i++) await new Promise((r) => setTimeout(r, 50));
      slow.state.template('receipt_edit', 'en_US')!.status = 'APPROVED';
      const watched = await watching;
      expect(watched.code).toBe(0);
      expect(watched.stderr).toMatch(/receipt_edit:en_US PENDING -> APPROVED/);
      expect(watched.stdout).toMatch(/receipt_edit:en_US.*APPROVED/);

      const t = JSON.parse(readFileSync(file, 'utf8'));
      t.components[0].text = t.components[0].text.replace('Thank you', 'Thanks');
      writeFileSync(file, JSON.stringify(t));
      const updated = await run(['templates', 'push', file, '--json']);
      expect(updated.code).toBe(0);
      expect(JSON.parse(updated.stdout).pushed[0]).toMatchObject({ outcome: 'updated', status: 'PENDING', id: created.pushed[0].id });
    } finally {
      await slow.close();
    }
  });

  it('reports an edit refused while the template is in review', async () => {
    // A sandbox whose review never ends within the test: no race with the review delay.
    const slow = await startSandbox({ reviewDelayMs: 600_000 });
    try {
      const dir = tempDir('wa-ops-push-in-review-');
      const file = templateFile(dir, 'receipt_in_review');
      const push = async () => {
        const r = await runCli(['templates', 'push', file, '--json'], { env: { ...env(), WA_OPS_GRAPH_URL: slow.url } });
        return { code: r.code, doc: JSON.parse(r.stdout) };
      };
      expect((await push()).doc.pushed[0]).toMatchObject({ outcome: 'created', status: 'PENDING' });
      const t = JSON.parse(readFileSync(file, 'utf8'));
      t.components[0].text = t.components[0].text.replace('Thank you', 'Many thanks');
      writeFileSync(file, JSON.stringify(t));
      const inReview = await push();
      expect(inReview.code).toBe(3);
      expect(inReview.doc.pushed[0]).toMatchObject({ outcome: 'refused', status: 'PENDING', id: expect.any(String), reason: expect.stringMatching(/in review/) });
      // A watch that ends by --timeout while the review goes on: exit 75, run it again later.
      const watch = await runCli(['templates', 'status', '--watch', '--interval', '100ms', '--timeout', '300ms', '--json'], { env: { ...env(), WA_OPS_GRAPH_URL: slow.url } });
      expect(watch.code).toBe(75);
      expect(JSON.parse(watch.stdout)).toMatchObject({ pending: 1, rejected: 0, timedOut: true, templates: [expect.objectContaining({ name: 'receipt_in_review', status: 'PENDING' })] });
    } finally {
      await slow.close();
    }
  });

  it('stops on lint errors before submitting anything (exit 1)', async () => {
    const r = await cli(['templates', 'push', join(fixtures, 'templates/faulty/discount-percentage.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/discount-percentage/);
    expect(r.stderr).toMatch(/nothing was submitted/);
    const list = await json(['templates', 'list', '--name', 'fruehling_sale']);
    expect(list.doc.templates).toEqual([]);
  });

  it('reports Meta\'s refusal per file (exit 3), and a rejection with the lint rule that would have caught it', async () => {
    const dir = tempDir('wa-ops-push-refused-');
    const refused = await json(['templates', 'push', templateFile(dir, 'Bad-Name'), '--rule', 'name-format=off']);
    expect(refused.code).toBe(3);
    expect(refused.doc.pushed[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/\(#100\).*lowercase/) });

    const promo = join(dir, 'promo.json');
    writeFileSync(promo, readFileSync(join(fixtures, 'templates/faulty/discount-percentage.json')));
    const pushed = await json(['templates', 'push', promo, '--rule', 'discount-percentage=off']);
    expect(pushed.doc.pushed[0]).toMatchObject({ outcome: 'created', template: 'fruehling_sale' });
    const status = await json(['templates', 'status', 'fruehling_sale:de', '--watch', '--interval', '100ms', '--timeout', '20s']);
    expect(status.code).toBe(1);
    expect(status.doc.templates).toEqual([expect.objectContaining({ name: 'fruehling_sale', status: 'REJECTED', reason: 'PROMOTIONAL', rules: ['discount-percentage'] })]);

    // Pushed past the linter (--rule abbreviation=warn), rejected as INVALID_FORMAT: the rule is still named.
    const vip = await json(['templates', 'push', join(fixtures, 'templates/faulty/abbreviation.json'), '--rule', 'abbreviation=warn']);
    expect(vip.doc.pushed[0]).toMatchObject({ outcome: 'created', template: 'vip_reminder' });
    const watched = await cli(['templates', 'status', 'vip_reminder:en_US', '--watch', '--interval', '100ms', '--timeout', '20s']);
    expect(watched.code).toBe(1);
    expect(watched.stderr).toMatch(/vip_reminder:en_US PENDING -> REJECTED/);
    expect(watched.stdout).toMatch(/vip_reminder:en_US .*REJECTED .*INVALID_FORMAT .*abbreviation/);
  });

  it('status: nothing in review, and an unknown template is refused', async () => {
    const idle = await cli(['templates', 'status']);
    expect(idle.code).toBe(0);
    // Every documented key, reason included (null: not rejected), in the README's order.
    const approved = await json(['templates', 'status', 'hello_world:en_US']);
    expect(approved.code).toBe(0);
    expect(approved.doc).toEqual({ templates: [{ name: 'hello_world', language: 'en_US', category: 'UTILITY', status: 'APPROVED', reason: null, rules: [] }], pending: 0, rejected: 0, timedOut: false });
    const unknown = await cli(['templates', 'status', 'no_such_template']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no_such_template does not exist/);
  });
});
