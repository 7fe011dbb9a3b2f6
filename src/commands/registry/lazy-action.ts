/** The action every command registers: its module is imported only when it runs, so `wa-ops --help` stays fast. */
import type { Command } from 'commander';

/** How a command module runs: positional arguments and the merged flags in, the exit code out. */
export type Runner = (args: unknown[], opts: Record<string, unknown>) => Promise<number>;

/** What each registration needs: where the exit code goes and the version handed to every command (SARIF names it). */
export interface RegistryContext {
  setExit: (code: number) => void;
  version: string;
}

/** An action handler that loads the runner on first use and reports its exit code through the context. */
export function lazy(ctx: RegistryContext, load: () => Promise<Runner>) {
  // A plain function: commander calls it with the command as `this`, after the arguments, the options and the command.
  return async function (this: Command, ...params: unknown[]): Promise<void> {
    const args = params.slice(0, -2);
    const run = await load();
    ctx.setExit(await run(args, { ...this.optsWithGlobals(), packageVersion: ctx.version }));
  };
}
