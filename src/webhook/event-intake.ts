/** From a verified POST body to durable records (the events file's thread, or the store), then the 200, opt-outs, the live tail and forwarding. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../core/caught.js';
import { toRecords, type WebhookRecord } from '../core/webhook/records.js';
import type { EventsFileHolder } from './events-file-holder.js';
import type { Forwarder } from './forwarder.js';
import { end, forwardHeaders } from './http-parts.js';
import type { OptOutWriter } from './opt-out-writer.js';
import type { WebhookLog, WebhookServerOptions, WebhookStats, WebhookStoreTarget } from './server-options.js';

/** What the intake writes to and tells. */
export interface IntakeDeps {
  o: WebhookServerOptions;
  stats: WebhookStats;
  log: WebhookLog;
  file?: EventsFileHolder;
  optOuts: OptOutWriter;
  forwarder?: Forwarder;
}

/** Accepts one verified body: answers 400 (not JSON), 500 (storage failed, Meta retries) or 200 once durable. */
export type Intake = (raw: Buffer, req: IncomingMessage, res: ServerResponse) => void;

/** The intake for the events file (on its own thread), or for the store when one is configured. */
export function makeIntake(d: IntakeDeps): Intake {
  const stored = storedHandler(d);
  // With a store there is no events file (the server opens one or the other).
  return d.o.store ? storeIntake(d, d.o.store, stored) : fileIntake(d, d.file!, stored);
}

type Stored = (fresh: number, dups: number, records: WebhookRecord[], dupRecords: WebhookRecord[], raw: Buffer, req: IncomingMessage, res: ServerResponse) => void;

/** After the records are durable: the 200, then opt-outs, the live tail and forwarding. */
function storedHandler(d: IntakeDeps): Stored {
  return (fresh, dups, records, dupRecords, raw, req, res) => {
    d.stats.recorded += fresh;
    d.stats.duplicates += dups;
    end(res, 200, 'ok');
    if (records.length) d.optOuts.handle(records);
    if (d.o.onRecord) {
      for (const r of records) d.o.onRecord(r, false);
      for (const r of dupRecords) d.o.onRecord(r, true);
    }
    if (d.forwarder && (fresh > 0 || dups === 0)) d.forwarder.enqueue(raw, forwardHeaders(req));
  };
}

const receivedNow = () => String(Math.floor(Date.now() / 1000));

/** The events file: the intake thread parses, dedupes and appends; this thread answers. */
function fileIntake(d: IntakeDeps, file: EventsFileHolder, stored: Stored): Intake {
  return (raw, req, res) => {
    if (file.lost) {
      d.stats.storageErrors++;
      return end(res, 503, 'events file removed');
    }
    file.current.intake.submit(raw.toString('utf8'), receivedNow(), (r) => {
      d.stats.fsyncs = file.fsyncs;
      if (r.status === 200) return stored(r.fresh, r.dups, r.records ?? [], r.dupRecords ?? [], raw, req, res);
      if (r.status === 503) {
        // Moved or removed since the last batch: the holder opens a new file at the path and says so once.
        d.stats.storageErrors++;
        return end(res, 503, 'events file moved');
      }
      if (r.status === 400) {
        d.stats.badJson++;
        return end(res, 400, 'body is not JSON');
      }
      d.stats.storageErrors++;
      d.log('alert', `could not write ${d.o.eventsPath}: ${r.error}; answered 500 so Meta retries`);
      end(res, 500, 'storage error');
    });
  };
}

/** PostgreSQL: the unique key decides across every receiver; a duplicate is answered once the original is committed. */
function storeIntake(d: IntakeDeps, store: WebhookStoreTarget, stored: Stored): Intake {
  return (raw, req, res) => {
    const receivedAt = receivedNow();
    let records: WebhookRecord[];
    try {
      records = toRecords(JSON.parse(raw.toString('utf8')), Number(receivedAt));
    } catch {
      d.stats.badJson++;
      return end(res, 400, 'body is not JSON');
    }
    store.sink.store(records, { receivedAt }).then(
      (keysStored) => {
        d.stats.fsyncs = store.sink.commits;
        const fresh = records.filter((r) => keysStored.has(r.key));
        const dups = records.filter((r) => !keysStored.has(r.key));
        stored(fresh.length, dups.length, fresh, dups, raw, req, res);
      },
      (err) => {
        d.stats.storageErrors++;
        d.log('alert', `could not store events in ${store.location}: ${errorMessage(err)}; answered 500 so Meta retries`);
        end(res, 500, 'storage error');
      },
    );
  };
}
