import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventsTail, eventsSize } from '../../src/io/send-to/events-tail.js';
import { fileStatusFeed, waitForDelivery } from '../../src/io/send-to/wait-delivery.js';
import { tempDir } from '../helpers.js';

const status = (id: string, s: string) => JSON.stringify({ kind: 'status', key: `${id}:${s}`, id, status: s, ts: '1', recipient: '491701234567' }) + '\n';

describe('events tail', () => {
  it('reads only what was appended after the offset, waits for a torn line to complete, skips other kinds', () => {
    const file = join(tempDir(), 'events.jsonl');
    writeFileSync(file, status('old', 'delivered'));
    const tail = new EventsTail(file, eventsSize(file));
    expect(tail.read()).toEqual([]);
    const line = status('w1', 'sent');
    appendFileSync(file, JSON.stringify({ kind: 'message', key: 'm', id: 'm', from: '1', type: 'text', ts: '1' }) + '\n' + line.slice(0, 20));
    expect(tail.read()).toEqual([]);
    appendFileSync(file, line.slice(20) + 'not json\n');
    expect(tail.read().map((r) => `${r.id}:${r.status}`)).toEqual(['w1:sent']);
  });

  it('starts over when the file is replaced by a shorter one', () => {
    const file = join(tempDir(), 'events.jsonl');
    writeFileSync(file, status('a', 'sent') + status('b', 'sent'));
    const tail = new EventsTail(file, eventsSize(file));
    writeFileSync(file, status('c', 'read'));
    expect(tail.read().map((r) => r.id)).toEqual(['c']);
  });

  it('waits until a settling status arrives, or times out saying nothing came', async () => {
    const file = join(tempDir(), 'events.jsonl');
    const offset = eventsSize(file);
    setTimeout(() => appendFileSync(file, status('w2', 'sent') + status('w2', 'delivered')), 50);
    const done = await waitForDelivery({ feed: fileStatusFeed(file, offset), wamid: 'w2', timeoutMs: 5000, pollMs: 20 });
    expect(done).toMatchObject({ timedOut: false, delivery: { state: 'delivered', seen: ['sent', 'delivered'] } });
    const none = await waitForDelivery({ feed: fileStatusFeed(file, eventsSize(file)), wamid: 'w3', timeoutMs: 60, pollMs: 20 });
    expect(none).toMatchObject({ timedOut: true, delivery: { state: 'accepted', seen: [] } });
  });
});
