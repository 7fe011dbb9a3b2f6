/** wa-ops sandbox: a local, stateful imitation of the Cloud API (CONTRACT §8). */
import { UsageError } from '../core/errors.js';
import type { SandboxTemplate, Scenario } from '../sandbox/state.js';
import { SCENARIOS } from '../sandbox/state.js';
import { SANDBOX_DEFAULTS, startSandbox } from '../sandbox/server.js';
import { expandInputs, loadTemplateFile } from '../io/templates.js';
import { info, out, outJson, paint } from '../ui/output.js';
import { term } from '../ui/term.js';
import { intFlag } from './flags.js';

interface Flags {
  port?: string;
  host?: string;
  token?: string;
  templates?: string;
  webhookUrl?: string;
  appSecret?: string;
  mps?: string;
  failRate?: string;
  latency?: string;
  seed?: string;
  scenario?: string[];
  undeliverable?: string[];
  statusDelay?: string;
  phoneNumberId?: string[];
}

/** Parse --latency "50" or "20-200". */
export function parseLatency(value: string | undefined): [number, number] {
  if (value === undefined) return [0, 0];
  const m = /^(\d+)(?:ms)?(?:-(\d+)(?:ms)?)?$/.exec(value.trim());
  if (!m) throw new UsageError(`--latency takes milliseconds or a range such as 20-200, got "${value}"`, { code: 'bad-flag' });
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  if (hi < lo) throw new UsageError('--latency range must be low-high', { code: 'bad-flag' });
  return [lo, hi];
}

/** Run the sandbox until interrupted. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as Flags;
  const failRate = f.failRate === undefined ? 0 : Number(f.failRate);
  if (!(failRate >= 0 && failRate <= 1)) throw new UsageError(`--fail-rate must be between 0 and 1, got "${f.failRate}"`, { code: 'bad-flag' });
  for (const s of f.scenario ?? []) {
    if (!(s in SCENARIOS)) throw new UsageError(`unknown --scenario "${s}"`, { code: 'bad-flag', hint: `one of: ${Object.keys(SCENARIOS).join(', ')}` });
  }
  if ((f.webhookUrl === undefined) !== (f.appSecret === undefined)) {
    throw new UsageError('--webhook-url and --app-secret go together: webhooks are signed with the app secret', { code: 'bad-flag' });
  }
  let templates = SANDBOX_DEFAULTS.templates;
  if (f.templates) {
    templates = expandInputs([f.templates])
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) => loadTemplateFile(file, {}))
      .map(({ template }) => ({ status: 'APPROVED', ...template, id: (template as { id?: string }).id }) as SandboxTemplate);
  }
  const server = await startSandbox({
    port: f.port === undefined ? 0 : intFlag('--port', f.port, 0),
    host: f.host ?? '127.0.0.1',
    token: f.token ?? SANDBOX_DEFAULTS.token,
    templates,
    webhookUrl: f.webhookUrl,
    appSecret: f.appSecret,
    mps: f.mps === undefined ? SANDBOX_DEFAULTS.mps : intFlag('--mps', f.mps, 1),
    failRate,
    latency: parseLatency(f.latency),
    seed: f.seed === undefined ? 1 : intFlag('--seed', f.seed, 0),
    scenarios: (f.scenario ?? []) as Scenario[],
    undeliverable: f.undeliverable ?? [],
    statusDelayMs: f.statusDelay === undefined ? SANDBOX_DEFAULTS.statusDelayMs : intFlag('--status-delay', f.statusDelay, 0),
    extraPhoneNumberIds: f.phoneNumberId ?? [],
  });
  const o = server.state.o;
  if (term().json) outJson({ url: server.url, token: o.token === SANDBOX_DEFAULTS.token ? o.token : undefined, phoneNumberId: o.phoneNumberId, wabaId: o.wabaId, appId: o.appId });
  else {
    out(server.url);
    info(
      [
        paint('bold', `wa-ops sandbox listening on ${server.url}`),
        `  templates: ${[...server.state.templates.values()].map((t) => `${t.name}:${t.language}`).join(', ')}`,
        `  scenarios: ${[...server.state.scenarios].join(', ') || 'none (a healthy account)'}`,
        `  webhooks:  ${o.webhookUrl ? `signed status callbacks to ${o.webhookUrl}` : 'off (add --webhook-url and --app-secret)'}`,
        '  point wa-ops at it:',
        `    export WA_OPS_GRAPH_URL=${server.url} WA_OPS_TOKEN=${o.token === SANDBOX_DEFAULTS.token ? o.token : '<your --token>'}`,
        `    export WA_OPS_PHONE_NUMBER_ID=${o.phoneNumberId} WA_OPS_WABA_ID=${o.wabaId} WA_OPS_APP_ID=${o.appId}`,
        `  accepted messages: GET ${server.url}/_sandbox/messages    stop: Ctrl-C`,
      ].join('\n'),
    );
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
