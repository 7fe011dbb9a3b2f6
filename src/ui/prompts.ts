/** Prompts on stderr (stdout stays data), with Ctrl-C turned into the taxonomy's interrupted error (exit 130), not a crash. */
import { InterruptedError } from '../core/errors.js';

type Validate = (value: string) => boolean | string | Promise<boolean | string>;

/** What to say when the user presses Ctrl-C at a prompt ("nothing was written"). */
export interface PromptContext {
  interrupted?: string;
}

/** Run an inquirer prompt; Ctrl-C (ExitPromptError) or a closed stdin become InterruptedError. */
export async function guarded<T>(ask: () => Promise<T>, ctx: PromptContext = {}): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    const name = err instanceof Error ? err.name : undefined;
    if (name === 'ExitPromptError' || name === 'AbortPromptError') {
      throw new InterruptedError('SIGINT', { hint: ctx.interrupted ?? 'stopped at a prompt', cause: err });
    }
    throw err;
  }
}

const opts = () => ({ output: process.stderr });

/** Ask for a line of text. */
export async function askInput(message: string, o: { default?: string; validate?: Validate } & PromptContext = {}): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  return guarded(() => input({ message, default: o.default, validate: o.validate }, opts()), o);
}

/** Ask for a secret (masked). */
export async function askSecret(message: string, o: { validate?: Validate } & PromptContext = {}): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  return guarded(() => password({ message, mask: '*', validate: o.validate }, opts()), o);
}

/** Ask yes or no. */
export async function askConfirm(message: string, o: { default?: boolean } & PromptContext = {}): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return guarded(() => confirm({ message, default: o.default ?? false }, opts()), o);
}
