/**
 * Writes the opt-outs a send learns from Meta's answers (131050) to the suppression list the send honours: the
 * --suppressions file, else the store's list (PostgreSQL), else the default file. A write that fails does not stop
 * the run (the recipient is already failed in the ledger): the operator is told the command that adds it by hand.
 */
import { errorMessage } from '../../core/caught.js';
import type { LedgerEvent } from '../../core/campaign/events.js';
import { storeArgument } from '../../core/campaign/resume.js';
import { shellQuote } from '../../core/shell-quote.js';
import { optOutFromSend } from '../../core/suppressions/from-send.js';
import type { SuppressionRecord } from '../../core/suppressions/record.js';
import { appendList } from '../suppression-file.js';
import { suppressionsPath } from '../suppressions.js';

/** Where the records go: the file named, else the store's own append, else the default file; `flag` points the printed command at the same list. */
export function optOutSink(file: string | undefined, storeAppend: ((records: SuppressionRecord[]) => Promise<void>) | undefined, store?: string): { append: (records: SuppressionRecord[]) => Promise<void>; flag: string } {
  // Without --store the printed command would add the number to the default file, which a send on the store never reads.
  if (file === undefined && storeAppend) return { append: storeAppend, flag: storeArgument(store) };
  const path = file ?? suppressionsPath();
  return { append: async (records) => appendList(path, records), flag: file === undefined ? '' : ` --suppressions ${shellQuote(file)}` };
}

/** The longest a list write may take: a store that stopped answering must not hold the end of the run. */
const WRITE_BOUND_MS = 15_000;

/** The write, or a rejection once WRITE_BOUND_MS passed without it (the caller then prints the command that adds it). */
function bounded(write: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the list's store within ${WRITE_BOUND_MS / 1000} s`)), WRITE_BOUND_MS);
    timer.unref();
  });
  return Promise.race([write, late]).finally(() => clearTimeout(timer));
}

/** Records one opt-out per stored 131050 failure, in order; settle() waits for the writes under way. */
export class SendOptOuts {
  private chain: Promise<void> = Promise.resolve();
  /** Numbers written (or being written) by this run. */
  readonly added: string[] = [];

  constructor(
    private readonly sink: ReturnType<typeof optOutSink>,
    private readonly by: string,
    private readonly notice: (text: string) => void,
  ) {}

  /** Called for every ledger event once it is stored. */
  onRecorded(event: LedgerEvent): void {
    const rec = optOutFromSend(event, this.by);
    if (!rec) return;
    this.added.push(rec.e164);
    this.chain = this.chain.then(
      () => bounded(this.sink.append([rec])).then(() => this.notice(`${rec.e164}: opted out of marketing messages (131050): added to the suppression list, later marketing sends skip it`)),
    ).catch((err: unknown) => {
      this.notice(`${rec.e164}: refused with 131050 (opted out of marketing) but the suppression list could not be written (${errorMessage(err)}): add it with: wa-ops suppressions add ${rec.e164} --scope marketing --reason 131050${this.sink.flag}`);
    });
  }

  /** Adds opt-outs an earlier run recorded in the ledger but lost before the list had them. */
  restore(records: SuppressionRecord[]): void {
    for (const rec of records) {
      this.chain = this.chain.then(
        () => bounded(this.sink.append([rec])).then(() => this.notice(`${rec.e164}: refused with 131050 (opted out of marketing) in an earlier run, missing from the suppression list: added now`)),
      ).catch((err: unknown) => {
        this.notice(`${rec.e164}: refused with 131050 in an earlier run, missing from the suppression list, which could not be written (${errorMessage(err)}): add it with: wa-ops suppressions add ${rec.e164} --scope marketing --reason 131050${this.sink.flag}`);
      });
    }
  }

  /** Every write started is done (or reported). */
  settle(): Promise<void> {
    return this.chain;
  }
}

/**
 * send --to refused with 131050: the same marketing-only opt-out a campaign records, in the list send --to honours
 * (--suppressions file, else the store's, else the default file). Resolves with what to tell the operator.
 */
export async function recordOneOptOut(o: { file?: string; store?: string; config?: string }, e164: string, at: string): Promise<string> {
  const rec = optOutFromSend({ t: 'failed', r: e164, code: 131050, action: 'fail-recipient', at }, 'send --to');
  if (!rec) return '';
  const { openSuppressionTarget } = await import('../suppression-target.js');
  try {
    const target = await openSuppressionTarget({ file: o.file, store: o.store, config: o.config });
    try {
      await target.append([rec]);
    } finally {
      await target.close();
    }
    return `${e164} opted out of marketing messages (131050): added to the suppression list, marketing templates to it are refused before sending from now on`;
  } catch (err) {
    return `${e164} opted out of marketing messages (131050) but the suppression list could not be written (${errorMessage(err)}): add it with: wa-ops suppressions add ${e164} --scope marketing --reason 131050${o.file === undefined ? storeArgument(o.store) : ` --suppressions ${shellQuote(o.file)}`}`;
  }
}
