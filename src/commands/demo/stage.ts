/** The demo's stage: a temporary folder, an in-process sandbox and webhook server, and the environment that points wa-ops at them. */
import { join } from 'node:path';
import type { SandboxServer } from '../../sandbox/server.js';
import type { WebhookServer } from '../../webhook/server.js';
import { out, paint } from '../../ui/output.js';

/** The demo's own app secret and verify token (the sandbox signs with the one, the webhook server checks both). */
const SECRET = 'demo-app-secret';
const VERIFY = 'demo-verify-token';

/** What every step of the demo works with, and how it narrates. */
export interface DemoStage {
  dir: string;
  env: NodeJS.ProcessEnv;
  sandbox: SandboxServer;
  webhook: WebhookServer;
  secret: string;
  /** A numbered step heading with its explanation (stderr; silent under --json). */
  say(title: string, text?: string): void;
  /** A step's result for the reader (stdout; silent under --json, where one document is printed at the end). */
  show(text: string): void;
}

/** Start the webhook server and the sandbox (servers load lazily: `--help` never pays for them). */
export async function startStage(dir: string, json: boolean): Promise<DemoStage> {
  const { startSandbox } = await import('../../sandbox/server.js');
  const { startWebhookServer } = await import('../../webhook/server.js');
  const webhook = await startWebhookServer({
    port: 0,
    host: '127.0.0.1',
    path: '/webhook',
    appSecret: SECRET,
    verifyToken: VERIFY,
    eventsPath: join(dir, 'webhook-events.jsonl'),
    campaignDirs: [dir],
    suppressionsPath: join(dir, 'wa-ops.suppressions.jsonl'),
  });
  // One customer is not on WhatsApp: accepted, then a failed status with 131026, as with the real API.
  const sandbox = await startSandbox({ webhookUrl: webhook.url, appSecret: SECRET, statusDelayMs: 150, seed: 42, undeliverable: ['+41791234567'] });
  const env = {
    WA_OPS_GRAPH_URL: sandbox.url,
    WA_OPS_TOKEN: 'sandbox-token',
    WA_OPS_PHONE_NUMBER_ID: sandbox.state.o.phoneNumberId,
    WA_OPS_WABA_ID: sandbox.state.o.wabaId,
    WA_OPS_APP_SECRET: SECRET,
    WA_OPS_VERIFY_TOKEN: VERIFY,
    WA_OPS_SUPPRESSIONS: join(dir, 'wa-ops.suppressions.jsonl'),
    // send and status fold the events file that the webhook server writes (one writer per file).
    WA_OPS_EVENTS: join(dir, 'webhook-events.jsonl'),
  };
  let step = 0;
  return {
    dir,
    env,
    sandbox,
    webhook,
    secret: SECRET,
    say: (title, text = '') => {
      if (json) return;
      process.stderr.write(`\n${paint('cyan', `── ${++step}. ${title}`)}\n${text ? `${paint('gray', text)}\n` : ''}`);
    },
    show: (text) => {
      if (!json) out(text);
    },
  };
}
