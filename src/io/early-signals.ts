/**
 * Ctrl-C (or SIGTERM) before a command watches for it: exit as an interrupted command does (130, 143) instead
 * of dying by the signal. Imported first by cli.ts. Once a command installs its own handler (SignalWatch, a
 * server's shutdown) this one stands aside. Commands without one (read-only ones, demo) stop here too: the line
 * then says which command was stopped, not "before anything was started", which would be false.
 */
let running: string | undefined;
let documentPrinted = false;

/** The command's action has begun (cli.ts, before it runs): a later signal no longer comes "before anything was started". */
export function noteCommandStarted(name: string): void {
  running = name;
}

/** The command's --json document is on stdout: an interruption after it must not print a second document. */
export function noteDocumentPrinted(): void {
  documentPrinted = true;
}

const early = (signal: 'SIGINT' | 'SIGTERM') => {
  if (process.listenerCount(signal) > 1) return;
  const message = running ? `${running} interrupted by ${signal}` : `interrupted by ${signal} before anything was started`;
  // Under --json stdout is one document, errors included: the same error document cli.ts prints for an interruption.
  if (process.argv.slice(2).includes('--json')) {
    if (!documentPrinted) process.stdout.write(JSON.stringify({ error: { code: 'interrupted', message, hint: '' } }) + '\n');
  } else process.stderr.write(`wa-ops: ${message}\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);
