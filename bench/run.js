// npm run bench: every benchmark in turn; each prints its own figures.
import { benchLint } from './lint.js';
import { benchNumbers } from './numbers.js';
import { benchSandbox } from './sandbox.js';
import { benchSend } from './send.js';

const only = process.argv[2];
const benches = { lint: benchLint, sandbox: benchSandbox, send: benchSend, numbers: benchNumbers };
for (const [name, fn] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await fn();
}
