/** Read an events file (and the campaign ledgers beside it) into a delivery report. */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { errorMessage } from '../core/caught.js';
import { checkEventsFile, holdsEvents, isWebhookBody } from './events-file-check.js';
import { createInterface } from 'node:readline';
import { DEFAULT_PRICES, mergePrices } from '../core/campaign/pricing.js';
import { DeliveryAnalyzer, type DeliveryReport, type LedgerInfo } from '../core/webhook/analysis.js';
import { BoundedSet, toRecords, type WebhookRecord } from '../core/webhook/records.js';
import { isOptOutButton, isStopMessage } from '../core/webhook/stop-words.js';
import { ledgerInfoBuilder } from '../core/webhook/ledger-info.js';
import { replayLedger } from '../io/ledger/ledger.js';
import { findLedgers } from '../io/ledger/find-ledgers.js';
import { recordProblem } from '../core/webhook/record-shape.js';

/** Where the ledgers and the price override come from. */
export interface AnalyzeOptions {
  campaignDirs: string[];
  /** The config file's "pricing" override, if any. */
  pricing?: unknown;
  onWarning?: (text: string) => void;
}

/** Each campaign's ledger under the folders, replayed (streamed): its statuses are folded in as status folds them. */
async function ledgerInfo(dirs: string[], onWarning?: (text: string) => void): Promise<Map<string, LedgerInfo>> {
  const ledgers = new Map<string, LedgerInfo>();
  for (const [id, path] of findLedgers(dirs)) {
    const ledger = ledgerInfoBuilder();
    try {
      await replayLedger(path, ledger.add);
    } catch (err) {
      // A damaged ledger of one campaign must not stop the report on the others: that campaign is counted from the events.
      onWarning?.(`${errorMessage(err)}: campaign ${id} counted from the events alone`);
      continue;
    }
    ledgers.set(id, ledger.info());
  }
  return ledgers;
}

/**
 * A webhook body saved as one indented JSON document (copied from Meta's documentation or pretty-printed), or a JSON
 * list of bodies, rather than one per line; undefined for anything else (events files are streamed line by line).
 */
function prettyBodies(file: string): unknown[] | undefined {
  let doc: unknown;
  try {
    if (!statSync(file).isFile() || statSync(file).size > 16 * 1024 * 1024 || holdsEvents(file, { payloads: true })) return undefined;
    doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const bodies = Array.isArray(doc) ? doc : [doc];
  return bodies.length > 0 && bodies.every(isWebhookBody) ? bodies : undefined;
}

/** Stream the file into a report (a torn or broken line is skipped with one warning). */
export async function analyzeEventsFile(file: string, o: AnalyzeOptions): Promise<DeliveryReport> {
  const document = prettyBodies(file);
  if (!document) checkEventsFile(file, { payloads: true });
  const analyzer = new DeliveryAnalyzer(await ledgerInfo(o.campaignDirs, o.onWarning), mergePrices(DEFAULT_PRICES, o.pricing), isStopMessage, isOptOutButton);
  if (document) {
    const seen = new BoundedSet(200_000);
    for (const r of document.flatMap((b) => toRecords(b, Math.floor(Date.now() / 1000)))) if (seen.add(r.key)) analyzer.add(r);
    return analyzer.report();
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  // A record seen twice (files put together, bodies captured with Meta's retries) counts once, as serve stores it once.
  const seen = new BoundedSet(200_000);
  const add = (r: WebhookRecord) => {
    if (typeof r.key !== 'string' || seen.add(r.key)) analyzer.add(r);
  };
  const receivedAt = Math.floor(Date.now() / 1000);
  let lineNo = 0;
  let broken = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      if (++broken === 1) o.onWarning?.(`${file}:${lineNo}: not JSON (a torn line?), skipped`);
      continue;
    }
    // A Meta webhook body (captured elsewhere) is read into the records serve would have stored.
    if (isWebhookBody(r)) {
      let records: WebhookRecord[];
      try {
        records = toRecords(r, receivedAt);
      } catch {
        // serve refuses such a body (nested too deep to digest); here it is skipped and said once.
        if (++broken === 1) o.onWarning?.(`${file}:${lineNo}: a webhook body that cannot be read, skipped`);
        continue;
      }
      records.forEach(add);
    }
    else if (r && typeof r === 'object' && typeof (r as WebhookRecord).kind === 'string') {
      // A hand-edited or foreign line with a known kind but not its fields: skipped and said once, like a torn line.
      const problem = recordProblem(r as Record<string, unknown>);
      if (problem) {
        if (++broken === 1) o.onWarning?.(`${file}:${lineNo}: ${problem}, skipped`);
        continue;
      }
      add(r as WebhookRecord);
    }
  }
  return analyzer.report();
}
