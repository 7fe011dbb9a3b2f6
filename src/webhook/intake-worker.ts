/** The intake thread: loads the stored keys, then parses, dedupes and durably appends the bodies the HTTP thread hands over. */
import { parentPort } from 'node:worker_threads';
import { DurableIntake } from './durable-intake.js';
import { EventAppender } from './event-appender.js';
import { loadKeys } from './events-keys.js';
import type { FromIntake, IntakeResult, ToIntake } from './intake-messages.js';

const port = parentPort!;
let appender: EventAppender | undefined;
let intake: DurableIntake | undefined;
let results: IntakeResult[] = [];
let scheduled = false;
/** 'items' messages taken since the last message back: returned as the HTTP thread's credit. */
let taken = 0;

const post = (m: FromIntake) => port.postMessage(m);

/** The answers that became ready in this turn (typically one disk sync's worth) go back in one message. */
function reply(r: IntakeResult): void {
  results.push(r);
  if (scheduled) return;
  scheduled = true;
  setImmediate(flush);
}

function flush(): void {
  scheduled = false;
  if (!results.length) return;
  post({ t: 'results', results, fsyncs: appender?.fsyncs ?? 0, taken });
  results = [];
  taken = 0;
}

port.on('message', (m: ToIntake) => {
  if (m.t === 'init') {
    loadKeys(m.init.path).then(
      (keys) => {
        appender = new EventAppender(m.init.fd);
        intake = new DurableIntake(appender, keys, m.init.allRecords);
        post({ t: 'ready' });
      },
      (err: Error) => post({ t: 'failed', message: `cannot read ${m.init.path}: ${err.message}` }),
    );
  } else if (m.t === 'items') {
    taken++;
    for (const item of m.items) intake!.take(item, reply);
  } else if (m.t === 'drain') {
    // After the disk is done, one more turn lets the last answers (and duplicates waiting on them) settle.
    void (appender?.drain() ?? Promise.resolve())
      .then(() => new Promise((r) => setImmediate(r)))
      .then(() => {
        flush();
        post({ t: 'drained', seq: m.seq, fsyncs: appender?.fsyncs ?? 0, taken });
        taken = 0;
      });
  }
});
