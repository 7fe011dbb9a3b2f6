/** The background watches of a send run: the store (a lost writer, other workers' events) and the suppression list. */
import { errorMessage } from '../../core/caught.js';
import type { EngineInput } from '../../core/campaign/engine-types.js';
import type { LedgerWriter } from '../store/types.js';
import type { LiveOptOuts } from './live-opt-outs.js';

/** How often the suppression list is looked at during a run (a cheap version check; read only when it changed). */
const OPT_OUT_CHECK_MS = 2000;

/** Every 500 ms: report a lost writer (once) and what other writers stored. Returns the stop. */
export function watchStore(writer: LedgerWriter, push: (input: EngineInput) => void): () => void {
  let lostSent = false;
  const watch = setInterval(() => {
    const why = writer.lost();
    if (why && !lostSent) {
      lostSent = true;
      push({ t: 'lost', reason: why });
    }
    void writer.poll().then((events) => events.length > 0 && push({ t: 'events', events }), () => {});
  }, 500);
  return () => clearInterval(watch);
}

/**
 * Every OPT_OUT_CHECK_MS: recipients the suppression list now holds. A check that fails (the store away, the list
 * replaced by something unreadable) waits for the next; the operator is told once per failing stretch, since until
 * then only the opt-outs known at the start are honoured.
 */
export function watchOptOuts(optOuts: Pick<LiveOptOuts, 'check'>, push: (input: EngineInput) => void, notice?: (text: string) => void): () => void {
  let busy = false;
  let failing = false;
  const watch = setInterval(() => {
    if (busy) return;
    busy = true;
    optOuts
      .check()
      .then(
        (skips) => {
          failing = false;
          if (skips.length > 0) push({ t: 'opt-outs', skips });
        },
        (err: unknown) => {
          if (!failing) notice?.(`cannot read the suppression list again (${errorMessage(err)}): opt-outs that arrive now are honoured once it can be read; the ones known at the start still are`);
          failing = true;
        },
      )
      .finally(() => (busy = false));
  }, OPT_OUT_CHECK_MS);
  return () => clearInterval(watch);
}
