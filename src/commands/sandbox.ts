/** wa-ops sandbox: a local, stateful imitation of the Cloud API (CONTRACT §8). */
import { EXIT } from '../core/errors.js';
import { ownSignalHandler } from '../io/early-signals.js';
import { SANDBOX_DEFAULTS, startSandbox } from '../sandbox/server.js';
import { info, out, outJson, paint, warn } from '../ui/output.js';
import { plural } from '../ui/plural.js';
import { term } from '../ui/term.js';
import { listenError } from '../core/environment-errors.js';
import { parseFlags } from './flags.js';
import { SANDBOX_FLAGS, sandboxOptions, type ListenOptions, type SandboxFlags } from './sandbox-flags.js';

/** Show a secret the user chose only by its last 4 characters (none of a short one); the sandbox's own defaults are not secret. */
function shownSecret(value: string, isDefault: boolean): string {
  return isDefault ? value : value.length <= 8 ? '…' : `…${value.slice(-4)}`;
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

type Server = Awaited<ReturnType<typeof startSandbox>>;

/** What the user needs to point wa-ops (and curl) at it: the URL on stdout, the rest on stderr. */
function describe(server: Server, f: SandboxFlags): void {
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
  const f = parseFlags<SandboxFlags>(flags, SANDBOX_FLAGS);
  const server = await listen(sandboxOptions(f));
  server.webhooks.onGiveUp = reportGiveUps();
  // Handlers before the URL is printed: a supervisor that stops us right after start still gets a clean stop.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', ownSignalHandler(() => resolve('SIGINT')));
    process.once('SIGTERM', ownSignalHandler(() => resolve('SIGTERM')));
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
