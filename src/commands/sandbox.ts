/** wa-ops sandbox: a local, stateful imitation of the Cloud API (CONTRACT §8). */
import { EXIT, InputError, UsageError } from '../core/errors.js';
import { parseDuration } from '../core/campaign/duration.js';
import type { SandboxTemplate, Scenario } from '../sandbox/state.js';
import { SCENARIOS } from '../sandbox/state.js';
import { SANDBOX_DEFAULTS, startSandbox } from '../sandbox/server.js';
import { expandInputs, loadTemplateFile } from '../io/templates.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';
import { listenError } from '../core/environment-errors.js';
import { intFlag, parseFlags, type FlagSchema } from './flags.js';

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
  reviewDelay?: string;
  phoneNumberId?: string[];
}

/** The flags' kinds, checked once when they are read (parseFlags). */
const SANDBOX_FLAGS: FlagSchema<Flags> = {
  port: 'string',
  host: 'string',
  token: 'string',
  templates: 'string',
  webhookUrl: 'string',
  appSecret: 'string',
  mps: 'string',
  failRate: 'string',
  latency: 'string',
  seed: 'string',
  scenario: 'list',
  undeliverable: 'list',
  statusDelay: 'string',
  reviewDelay: 'string',
  phoneNumberId: 'list',
};

function isScenario(s: string): s is Scenario {
  return s in SCENARIOS;
}

/** Parse --review-delay ("2s", "500ms", "0s"). */
export function parseReviewDelay(value: string | undefined): number {
  if (value === undefined) return SANDBOX_DEFAULTS.reviewDelayMs;
  const ms = value.trim() === '0' ? 0 : parseDuration(value);
  if (ms === undefined) throw new UsageError(`--review-delay takes a duration such as 2s, 500ms or 1m, got "${value}"`, { code: 'bad-flag' });
  return ms;
}

/** Show a secret the user chose only by its last 4 characters; the sandbox's own defaults are not secret. */
function shownSecret(value: string, isDefault: boolean): string {
  return isDefault ? value : `…${value.slice(-4)}`;
}

/** Tell the user on stderr when webhook deliveries are abandoned, at most once every 10 s, with the count. */
function reportGiveUps(): (gaveUp: number, url: string) => void {
  let lastAt = 0;
  let reported = 0;
  return (gaveUp, url) => {
    const now = Date.now();
    if (now - lastAt < 10_000) return;
    lastAt = now;
    const fresh = gaveUp - reported;
    reported = gaveUp;
    warn(`wa-ops sandbox: gave up on ${fresh === 1 ? 'a webhook delivery' : `${fresh} webhook deliveries`} to ${url} after 6 attempts (${gaveUp} in all); is the receiver running?`);
  };
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

type ListenOptions = NonNullable<Parameters<typeof startSandbox>[0]> & { port: number; host: string };
type Server = Awaited<ReturnType<typeof startSandbox>>;

/** The flags, checked once, as the sandbox's options. */
function sandboxOptions(f: Flags): ListenOptions {
  const failRate = f.failRate === undefined ? 0 : Number(f.failRate);
  if (!(failRate >= 0 && failRate <= 1)) throw new UsageError(`--fail-rate must be between 0 and 1, got "${f.failRate}"`, { code: 'bad-flag' });
  for (const s of f.scenario ?? []) {
    if (!isScenario(s)) throw new UsageError(`unknown --scenario "${s}"`, { code: 'bad-flag', hint: `one of: ${Object.keys(SCENARIOS).join(', ')}` });
  }
  const port = f.port === undefined ? 0 : intFlag('--port', f.port, 0);
  if (port > 65535) throw new UsageError(`--port must be between 0 and 65535, got "${f.port}"`, { code: 'bad-flag' });
  let templates = SANDBOX_DEFAULTS.templates;
  if (f.templates) {
    const files = expandInputs([f.templates]);
    const json = files.filter((file) => file.toLowerCase().endsWith('.json'));
    // A CSV or a .txt given by mistake would start a sandbox without templates, and every send would fail with 132001.
    if (json.length < files.length && files.length === 1) throw new UsageError(`--templates ${f.templates} is not a template JSON file`, { code: 'bad-flag', hint: 'pass a JSON file in Meta\'s template shape, or a folder of them (wa-ops templates pull writes one)' });
    templates = json
      .flatMap((file) => loadTemplateFile(file, {}))
      .map(({ template }) => ({ status: 'APPROVED', ...template, id: (template as { id?: string }).id }) as SandboxTemplate);
    if (templates.length === 0) throw new UsageError(`--templates ${f.templates} holds no templates`, { code: 'bad-flag', hint: 'pass a JSON file in Meta\'s template shape, or a folder of them' });
  }
  return {
    port,
    host: f.host ?? '127.0.0.1',
    token: f.token ?? SANDBOX_DEFAULTS.token,
    templates,
    webhookUrl: f.webhookUrl,
    appSecret: f.appSecret,
    mps: f.mps === undefined ? SANDBOX_DEFAULTS.mps : intFlag('--mps', f.mps, 1),
    failRate,
    latency: parseLatency(f.latency),
    seed: f.seed === undefined ? 1 : intFlag('--seed', f.seed, 0),
    scenarios: (f.scenario ?? []).filter(isScenario),
    undeliverable: f.undeliverable ?? [],
    statusDelayMs: f.statusDelay === undefined ? SANDBOX_DEFAULTS.statusDelayMs : intFlag('--status-delay', f.statusDelay, 0),
    reviewDelayMs: parseReviewDelay(f.reviewDelay),
    extraPhoneNumberIds: f.phoneNumberId ?? [],
  };
}

/** What the user needs to point wa-ops (and curl) at it: the URL on stdout, the rest on stderr. */
function describe(server: Server, f: Flags): void {
  const o = server.state.o;
  const ownSecret = f.appSecret !== undefined;
  if (term().json) {
    outJson({ url: server.url, token: o.token === SANDBOX_DEFAULTS.token ? o.token : undefined, phoneNumberId: o.phoneNumberId, wabaId: o.wabaId, appId: o.appId, appSecret: ownSecret ? undefined : o.appSecret });
    return;
  }
  out(server.url);
  info(
    [
      paint('bold', `wa-ops sandbox listening on ${server.url}`),
      `  templates: ${[...server.state.templates.values()].map((t) => `${t.name}:${t.language}`).join(', ')}`,
      `  scenarios: ${[...server.state.scenarios].join(', ') || 'none (a healthy account)'}`,
      `  webhooks:  ${o.webhookUrl ? `signed (app secret ${shownSecret(o.appSecret, !ownSecret)}) to ${o.webhookUrl}` : 'off (add --webhook-url)'}`,
      `  template review: ${o.reviewDelayMs === 0 ? 'immediate' : `PENDING for ${f.reviewDelay ?? '2s'}`}, then APPROVED or REJECTED by the lint rules`,
      '  point wa-ops at it:',
      `    export WA_OPS_GRAPH_URL=${server.url} WA_OPS_TOKEN=${o.token === SANDBOX_DEFAULTS.token ? o.token : '<your --token>'}`,
      `    export WA_OPS_PHONE_NUMBER_ID=${o.phoneNumberId} WA_OPS_WABA_ID=${o.wabaId}`,
      `    export WA_OPS_APP_ID=${o.appId} WA_OPS_APP_SECRET=${ownSecret ? '<your --app-secret>' : o.appSecret}`,
      `  a customer writes in (opens the 24 h window): curl -s -X POST ${server.url}/_sandbox/inbound -d '{"from":"491701234567","text":"Hi"}'`,
      `  accepted messages: GET ${server.url}/_sandbox/messages    stop: Ctrl-C`,
    ].join('\n'),
  );
}

/** Run the sandbox until interrupted. */
export async function run(_args: unknown[], flags: Record<string, unknown>): Promise<number> {
  const f = parseFlags<Flags>(flags, SANDBOX_FLAGS);
  const server = await listen(sandboxOptions(f));
  server.webhooks.onGiveUp = reportGiveUps();
  // Handlers before the URL is printed: a supervisor that stops us right after start still gets a clean stop.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  describe(server, f);
  const signal = await stopped;
  await server.close();
  if (server.webhooks.stats.gaveUp > 0) warn(`wa-ops sandbox: ${plural(server.webhooks.stats.gaveUp, 'webhook delivery', 'webhook deliveries')} given up (receiver not answering).`);
  // Like every long-running command (CONTRACT §3): 130 for Ctrl-C, 143 for SIGTERM.
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

/** startSandbox, with a port in use or not ours to take as a usage error (exit 2), not a crash. */
async function listen(options: ListenOptions): Promise<Server> {
  try {
    return await startSandbox(options);
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
    throw listenError(code, options.host, options.port) ?? err;
  }
}
