/**
 * Ctrl-C (or SIGTERM) before a command watches for it: exit as an interrupted command does (130, 143) instead
 * of dying by the signal. Imported first by cli.ts. Once a command installs its own handler (SignalWatch, a
 * server's shutdown, marked with ownSignalHandler) this one stands aside. A library's hook alone (inquirer's or
 * ora's signal-exit) does not count: it leaves the signal to us, so after a short grace we exit 128+n ourselves.
 * SIGHUP (a dropped ssh session) is a SIGTERM whose exit code is 129; stderr may be gone by then.
 */
import { signalExit, type StopSignal } from '../core/errors.js';

let running: string | undefined;
let documentPrinted = false;
let hangup = false;
const owned = new WeakSet<object>();
/** How long a signal that only a library's hook heard may stay unhandled before we exit. */
const GRACE_MS = 1500;

/** The command's action has begun (cli.ts, before it runs): a later signal no longer comes "before anything was started". */
export function noteCommandStarted(name: string): void {
  running = name;
}

/** The command's --json document is on stdout: an interruption after it must not print a second document. */
export function noteDocumentPrinted(): void {
  documentPrinted = true;
}

/** Whether the terminal hung up (SIGHUP): failed writes to stdout are then expected, not the command's failure. */
export function hungUp(): boolean {
  return hangup;
}

/** Mark a signal listener as wa-ops' own (it stops the command): the early handler then stands aside. */
export function ownSignalHandler<T extends (...args: never[]) => unknown>(fn: T): T {
  owned.add(fn);
  return fn;
}

type Listener = ((...a: unknown[]) => unknown) & { listener?: unknown };
const ownedListening = (signal: NodeJS.Signals) =>
  process.rawListeners(signal).some((l) => owned.has(((l as Listener).listener ?? l) as object));

const exitNow = (signal: StopSignal) => {
  const message = running ? `${running} interrupted by ${signal}` : `interrupted by ${signal} before anything was started`;
  const hint = running ? 'run the same command again when ready' : 'nothing was done; run the same command again';
  // Under --json stdout is one document, errors included: the same error document cli.ts prints for an interruption.
  try {
    if (process.stderr.isTTY) process.stderr.write('\u001b[?25h'); // a spinner may have hidden the cursor
    if (process.argv.slice(2).includes('--json')) {
      if (!documentPrinted) process.stdout.write(JSON.stringify({ error: { code: 'interrupted', message, hint } }) + '\n');
    } else process.stderr.write(`wa-ops: ${message}\n  hint: ${hint}\n`);
  } catch {
    // The terminal is gone (hangup): the exit code still tells.
  }
  process.exit(signalExit(signal));
};

const early = (signal: 'SIGINT' | 'SIGTERM') => {
  if (ownedListening(signal)) return;
  if (process.listenerCount(signal) <= 1) return exitNow(hangup ? 'SIGHUP' : signal);
  // Only a library's hook heard it; it re-raises only when it is the last listener, which it is not: do not hang.
  setTimeout(() => exitNow(hangup ? 'SIGHUP' : signal), GRACE_MS).unref();
};

// A hangup closes the terminal: writes then fail with EPIPE/EIO, which must not crash a run that is saving state.
const onHangup = () => {
  hangup = true;
  for (const s of [process.stderr, process.stdout]) s.on('error', () => {});
  process.kill(process.pid, 'SIGTERM');
};
// A command that stopped on the SIGTERM a hangup became exits 143; the truth is 129.
process.on('exit', (code) => {
  if (hangup && code === signalExit('SIGTERM')) process.exitCode = signalExit('SIGHUP');
});
process.on('SIGINT', early);
process.on('SIGTERM', early);
process.on('SIGHUP', onHangup);
