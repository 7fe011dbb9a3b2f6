/** Prompts on stderr (stdout stays data), with Ctrl-C turned into the taxonomy's interrupted error (exit 130), not a crash. */
import { InterruptedError, type StopSignal } from '../core/errors.js';
import { hungUp, ownSignalHandler } from '../io/early-signals.js';

type Validate = (value: string) => boolean | string | Promise<boolean | string>;

/** What to say when the user presses Ctrl-C at a prompt ("nothing was written"). */
export interface PromptContext {
  interrupted?: string;
}

/**
 * Run an inquirer prompt; Ctrl-C (ExitPromptError), a closed stdin, or SIGINT/SIGTERM sent to the process become
 * InterruptedError (130/143). The signals need a handler of ours while the prompt is up: inquirer's signal-exit hook
 * and the early-signal handler each leave the signal to the other, and the process would otherwise wait at the prompt.
 */
export async function guarded<T>(ask: (signal: AbortSignal) => Promise<T>, ctx: PromptContext = {}): Promise<T> {
  const abort = new AbortController();
  let received: StopSignal = 'SIGINT';
  const on = (sig: 'SIGINT' | 'SIGTERM') =>
    ownSignalHandler(() => {
      // A hangup arrives as the SIGTERM early-signals.ts sends itself.
      received = sig === 'SIGTERM' && hungUp() ? 'SIGHUP' : sig;
      abort.abort();
    });
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await ask(abort.signal);
  } catch (err) {
    const name = err instanceof Error ? err.name : undefined;
    if (name === 'ExitPromptError' || name === 'AbortPromptError') {
      throw new InterruptedError(received, { hint: ctx.interrupted ?? 'stopped at a prompt', cause: err });
    }
    throw err;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

const opts = (signal: AbortSignal) => ({ output: process.stderr, signal });

/** Ask for a line of text. */
export async function askInput(message: string, o: { default?: string; validate?: Validate } & PromptContext = {}): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guarded((signal) => input({ message, default: o.default, validate: o.validate }, opts(signal)), o);
}

/** Ask for a secret (masked). */
export async function askSecret(message: string, o: { validate?: Validate } & PromptContext = {}): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  return guarded((signal) => password({ message, mask: '*', validate: o.validate }, opts(signal)), o);
}

/** Ask yes or no. */
export async function askConfirm(message: string, o: { default?: boolean } & PromptContext = {}): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return guarded((signal) => confirm({ message, default: o.default ?? false }, opts(signal)), o);
}
