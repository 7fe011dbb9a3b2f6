// npm run bench: every benchmark in turn; each prints its own figures.
import { benchLint } from './lint.js';
import { benchNumbers } from './numbers.js';
import { benchSandbox } from './sandbox.js';
import { benchSend } from './send.js';
import { benchStore } from './store.js';
import { benchWebhook } from './webhook.js';

const only = process.argv[2];
const benches = { lint: benchLint, sandbox: benchSandbox, send: benchSend, webhook: benchWebhook, numbers: benchNumbers, store: benchStore };
for (const [name, fn] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await fn();
}
