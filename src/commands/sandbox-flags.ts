/** wa-ops sandbox's flags: their kinds, and the sandbox options they become (checked once, before anything listens). */
import { UsageError } from '../core/errors.js';
import { parseDuration } from '../core/campaign/duration.js';
import type { Template } from '../core/lint/types.js';
import { isScenario, SCENARIOS, type TemplateSeed } from '../sandbox/state.js';
import { SANDBOX_DEFAULTS, type startSandbox } from '../sandbox/server.js';
import { expandInputs, loadTemplateFile } from '../io/templates.js';
import { intFlag, webhookTargetFlag, type FlagSchema } from './flags.js';

/** wa-ops sandbox's flags as commander delivers them. */
export interface SandboxFlags {
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
export const SANDBOX_FLAGS: FlagSchema<SandboxFlags> = {
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

/** Parse --review-delay ("2s", "500ms", "0s"). */
export function parseReviewDelay(value: string | undefined): number {
  if (value === undefined) return SANDBOX_DEFAULTS.reviewDelayMs;
  const ms = value.trim() === '0' ? 0 : parseDuration(value);
  if (ms === undefined) throw new UsageError(`--review-delay takes a duration such as 2s, 500ms or 1m, got "${value}"`, { code: 'bad-flag' });
  return ms;
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

/** The sandbox's options with where it listens. */
export type ListenOptions = NonNullable<Parameters<typeof startSandbox>[0]> & { port: number; host: string };

/** The flags, checked once, as the sandbox's options. */
export function sandboxOptions(f: SandboxFlags): ListenOptions {
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
    templates = json.flatMap((file) => loadTemplateFile(file, {})).map(({ template, source }) => sandboxSeed(template, source.file));
    if (templates.length === 0) throw new UsageError(`--templates ${f.templates} holds no templates`, { code: 'bad-flag', hint: 'pass a JSON file in Meta\'s template shape, or a folder of them' });
  }
  return {
    port,
    host: f.host ?? '127.0.0.1',
    token: f.token ?? SANDBOX_DEFAULTS.token,
    templates,
    webhookUrl: webhookTargetFlag('--webhook-url', f.webhookUrl, 'http://127.0.0.1:8080/webhook'),
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

/** A file's template as Meta would hold it: APPROVED unless the file says otherwise; one without an id gets one from the sandbox. */
function sandboxSeed(template: Template, file: string): TemplateSeed {
  const { name, language, category } = template;
  // The sandbox finds a template by name and language, and prices and reports it by category, as Meta does.
  if (name === undefined || language === undefined || category === undefined) {
    throw new UsageError(`--templates ${file}: a template needs "name", "language" and "category" for the sandbox to send it`, { code: 'bad-flag', hint: 'pass templates in Meta\'s shape (wa-ops templates pull writes them)' });
  }
  const status = 'status' in template && typeof template.status === 'string' ? template.status : 'APPROVED';
  const id = 'id' in template && typeof template.id === 'string' ? template.id : undefined;
  return { ...template, name, language, category, status, id };
}
