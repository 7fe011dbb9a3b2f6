// Preloaded into benchmarked children: writes the process's peak RSS (KiB) to a file on exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.WA_OPS_BENCH_RSS) writeFileSync(process.env.WA_OPS_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
