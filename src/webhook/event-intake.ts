/** From a verified POST body to durable records: dedupe, append (file or store), then the 200, opt-outs, the live tail and forwarding. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toRecords, type WebhookRecord } from '../core/webhook/records.js';
import type { OpenEventsFile } from './events-file.js';
import type { Forwarder } from './forwarder.js';
import { end, forwardHeaders, withReceivedAt } from './http-parts.js';
import type { OptOutWriter } from './opt-out-writer.js';
import type { WebhookLog, WebhookServerOptions, WebhookStats, WebhookStoreTarget } from './server-options.js';

/** What the intake writes to and tells. */
export interface IntakeDeps {
  o: WebhookServerOptions;
  stats: WebhookStats;
  log: WebhookLog;
  file?: OpenEventsFile;
  optOuts: OptOutWriter;
  forwarder?: Forwarder;
}

/** Accepts one verified body: answers 400 (not JSON), 500 (storage failed, Meta retries) or 200 once durable. */
export type Intake = (raw: Buffer, req: IncomingMessage, res: ServerResponse) => void;

/** The intake for the events file, or for the store when one is configured. */
export function makeIntake(d: IntakeDeps): Intake {
  const { o, stats } = d;
  const stored = storedHandler(d);
  // With a store there is no events file (the server opens one or the other).
  const write = o.store ? toStore(d, o.store, stored) : fileWriter(d, d.file!, stored);
  return (raw, req, res) => {
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      stats.badJson++;
      return end(res, 400, 'body is not JSON');
    }
    const receivedAt = String(Math.floor(Date.now() / 1000));
    write(toRecords(payload, Number(receivedAt)), receivedAt, raw, req, res);
  };
}

type Stored = (fresh: WebhookRecord[], dups: WebhookRecord[], raw: Buffer, req: IncomingMessage, res: ServerResponse) => void;
type Writer = (records: WebhookRecord[], receivedAt: string, raw: Buffer, req: IncomingMessage, res: ServerResponse) => void;

/** After the records are durable: the 200, then opt-outs, the live tail and forwarding. */
function storedHandler(d: IntakeDeps): Stored {
  return (fresh, dups, raw, req, res) => {
    d.stats.recorded += fresh.length;
    d.stats.duplicates += dups.length;
    end(res, 200, 'ok');
    d.optOuts.handle(fresh);
    for (const r of fresh) d.o.onRecord?.(r, false);
    for (const r of dups) d.o.onRecord?.(r, true);
    if (d.forwarder && (fresh.length > 0 || dups.length === 0)) d.forwarder.enqueue(raw, forwardHeaders(req));
  };
}

/** The events file: a key already stored or being written is a duplicate; a concurrent duplicate waits for that write. */
function fileWriter(d: IntakeDeps, file: OpenEventsFile, stored: Stored): Writer {
  const { appender, keys } = file;
  // Keys of events being written: a concurrent duplicate waits for that write instead of being stored twice.
  const inflight = new Map<string, Promise<void>>();
  return (records, receivedAt, raw, req, res) => {
    const fresh: WebhookRecord[] = [];
    const dups: WebhookRecord[] = [];
    const waits: Promise<void>[] = [];
    // Most POSTs carry one event: no set of this body's keys is needed then.
    const here = records.length > 1 ? new Set<string>() : undefined;
    for (const r of records) {
      const pending = inflight.get(r.key);
      if (keys.has(r.key) || here?.has(r.key)) dups.push(r);
      else if (pending) {
        dups.push(r);
        waits.push(pending);
      } else fresh.push(r);
      here?.add(r.key);
    }
    const write = fresh.length === 1 ? appender.append(withReceivedAt(fresh[0], receivedAt)) : fresh.length ? appender.append(fresh.map((r) => withReceivedAt(r, receivedAt)).join('\n')) : Promise.resolve();
    for (const r of fresh) inflight.set(r.key, write);
    (waits.length ? Promise.all([write, ...waits]) : write).then(
      () => {
        // Remembered only now that they are on disk: a failed write leaves Meta's retry free to store them.
        for (const r of fresh) {
          keys.add(r.key);
          inflight.delete(r.key);
        }
        d.stats.fsyncs = appender.fsyncs;
        stored(fresh, dups, raw, req, res);
      },
      (err) => {
        for (const r of fresh) if (inflight.get(r.key) === write) inflight.delete(r.key);
        d.stats.storageErrors++;
        d.log('alert', `could not write ${d.o.eventsPath}: ${(err as Error).message}; answered 500 so Meta retries`);
        end(res, 500, 'storage error');
      },
    );
  };
}

/** PostgreSQL: the unique key decides across every receiver; a duplicate is answered once the original is committed. */
function toStore(d: IntakeDeps, store: WebhookStoreTarget, stored: Stored): Writer {
  return (records, receivedAt, raw, req, res) => {
    store.sink.store(records, { receivedAt }).then(
      (keysStored) => {
        d.stats.fsyncs = store.sink.commits;
        stored(records.filter((r) => keysStored.has(r.key)), records.filter((r) => !keysStored.has(r.key)), raw, req, res);
      },
      (err) => {
        d.stats.storageErrors++;
        d.log('alert', `could not store events in ${store.location}: ${(err as Error).message}; answered 500 so Meta retries`);
        end(res, 500, 'storage error');
      },
    );
  };
}
