/**
 * Ctrl-C (or SIGTERM) before a command watches for it: exit as an interrupted command does (130, 143) instead
 * of dying by the signal. Imported first by cli.ts. Once a command installs its own handler (SignalWatch, a
 * server's shutdown) this one stands aside. Commands without one (read-only ones, demo) stop here too: the line
 * then says which command was stopped, not "before anything was started", which would be false.
 */
let running: string | undefined;

/** The command's action has begun (cli.ts, before it runs): a later signal no longer comes "before anything was started". */
export function noteCommandStarted(name: string): void {
  running = name;
}

const early = (signal: 'SIGINT' | 'SIGTERM') => {
  if (process.listenerCount(signal) > 1) return;
  process.stderr.write(running ? `wa-ops: ${running} interrupted by ${signal}\n` : `wa-ops: interrupted by ${signal} before anything was started\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);
