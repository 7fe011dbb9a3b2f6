// Preloaded into benchmarked children: writes the process's peak RSS (KiB) to a file on exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.WA_OPS_BENCH_RSS) writeFileSync(process.env.WA_OPS_BENCH_RSS, String(process.resourceUsage().maxRSS));
  // CPU time of every thread of the process (ms), when asked: a figure that load on the machine barely moves.
  if (process.env.WA_OPS_BENCH_CPU) {
    const u = process.resourceUsage();
    writeFileSync(process.env.WA_OPS_BENCH_CPU, String((u.userCPUTime + u.systemCPUTime) / 1000));
  }
});
