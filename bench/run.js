// npm run bench: every benchmark in turn; each prints its own figures.
import { benchLint } from './lint.js';
import { benchNumbers } from './numbers.js';

const only = process.argv[2];
const benches = { lint: benchLint, numbers: benchNumbers };
for (const [name, fn] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await fn();
}
