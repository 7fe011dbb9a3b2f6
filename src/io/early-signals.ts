/**
 * Ctrl-C (or SIGTERM) before a command watches for it: nothing was started yet, so exit as an
 * interrupted command does (130, 143) instead of dying by the signal. Imported first by cli.ts.
 * Once a command installs its own handler (SignalWatch, a server's shutdown) this one stands aside.
 */
const early = (signal: 'SIGINT' | 'SIGTERM') => {
  if (process.listenerCount(signal) > 1) return;
  process.stderr.write(`wa-ops: interrupted by ${signal} before anything was started\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);
