/** The demo's last line: what to run next, written so that it works when pasted where the user ran the demo. */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../../core/shell-quote.js';

/** The CLI's path from the folder `npm start` was run in (`wa-ops` is not on PATH before `npm link`). */
function npmStartCli(env: NodeJS.ProcessEnv): string | undefined {
  if (env.npm_lifecycle_event !== 'start' || env.npm_package_name !== 'wa-ops' || !env.INIT_CWD) return undefined;
  const bin = fileURLToPath(new URL('../../../bin/wa-ops.js', import.meta.url));
  const rel = relative(env.INIT_CWD, bin);
  return `node ${shellQuote(rel.startsWith('..') || rel === '' ? bin : rel)}`;
}

/** "Run with --keep ... Next: wa-ops sandbox ...", as `npm start -- --keep` and `node bin/wa-ops.js sandbox` under npm start. */
export function nextSteps(keep: boolean, dir: string, env: NodeJS.ProcessEnv): string {
  const cli = npmStartCli(env);
  const again = cli ? 'npm start -- --keep' : 'wa-ops demo --keep';
  const kept = keep ? `Files kept in ${dir} (ledger, events, report.html).` : `Run ${again} to look at the ledger, the events and report.html.`;
  const sandbox = cli ? `${cli} sandbox (or wa-ops sandbox after npm link)` : 'wa-ops sandbox';
  return `${kept} Next: ${sandbox}, then point WA_OPS_GRAPH_URL at it and try each command.`;
}
