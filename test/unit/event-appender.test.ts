import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventAppender } from '../../src/webhook/event-appender.js';

/** A disk sync the test finishes by hand, in any order, with or without an error. */
function manualSync() {
  const calls: ((err: Error | null) => void)[] = [];
  return { sync: (_fd: number, done: (err: Error | null) => void) => void calls.push(done), calls };
}

const turn = () => new Promise<void>((r) => setImmediate(r));
/** Enough turns of the event loop for a batch to be cut (it may wait a few turns while appends keep arriving). */
const tick = async () => {
  for (let i = 0; i < 5; i++) await turn();
};

function setup(initial = '') {
  const path = join(mkdtempSync(join(tmpdir(), 'wa-ops-appender-')), 'events.jsonl');
  writeFileSync(path, initial);
  const fd = openSync(path, 'a');
  return { path, fd, read: () => readFileSync(path, 'utf8') };
}

/** Which of the promises have settled so far, and how. */
function track(ps: Promise<void>[]) {
  const state: string[] = ps.map(() => 'pending');
  ps.forEach((p, i) => p.then(() => (state[i] = 'ok'), (e: Error) => (state[i] = `failed: ${e.message}`)));
  return state;
}

describe('EventAppender: group commit', () => {
  it('one sync at a time by default: what arrives meanwhile waits and goes in the next batch', async () => {
    const f = setup();
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync);
    const first = a.append('1');
    await tick();
    const later = [a.append('2'), a.append('3')];
    await tick();
    expect(m.calls).toHaveLength(1);
    expect(f.read()).toBe('1\n');
    m.calls[0](null);
    await first;
    await tick();
    expect(m.calls).toHaveLength(2);
    expect(f.read()).toBe('1\n2\n3\n');
    m.calls[1](null);
    expect(await Promise.all(later)).toHaveLength(2);
    expect(a.fsyncs).toBe(2);
    closeSync(f.fd);
  });

  it('with two syncs: writes in order, acknowledges a batch only after its own sync and every earlier batch is durable', async () => {
    const f = setup();
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync, 2);
    const first = [a.append('{"n":1}'), a.append('{"n":2}')];
    await tick();
    const second = [a.append('{"n":3}')];
    await tick();
    expect(m.calls).toHaveLength(2); // the second batch's sync started while the first was still on the disk
    expect(f.read()).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
    const s1 = track(first);
    const s2 = track(second);
    m.calls[1](null); // the later sync finishes first
    await tick();
    expect(s2).toEqual(['pending']); // not acknowledged before the batch written ahead of it
    m.calls[0](null);
    await tick();
    expect([...s1, ...s2]).toEqual(['ok', 'ok', 'ok']);
    expect(a.fsyncs).toBe(2);
    await a.drain();
    closeSync(f.fd);
  });

  it('keeps at most two syncs running: later events wait and go in the next batch', async () => {
    const f = setup();
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync, 2);
    const ps = [a.append('1')];
    await tick();
    ps.push(a.append('2'));
    await tick();
    ps.push(a.append('3'), a.append('4'));
    await tick();
    expect(m.calls).toHaveLength(2);
    expect(f.read()).toBe('1\n2\n');
    m.calls[0](null);
    await tick();
    await tick();
    expect(m.calls).toHaveLength(3);
    expect(f.read()).toBe('1\n2\n3\n4\n');
    m.calls[1](null);
    m.calls[2](null);
    expect(await Promise.all(ps)).toHaveLength(4);
    closeSync(f.fd);
  });

  it('a failed sync refuses every batch not yet acknowledged and cuts them from the file; later events are stored', async () => {
    const f = setup('{"n":0}\n');
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync, 2);
    const first = track([a.append('{"n":1}')]);
    await tick();
    const second = track([a.append('{"n":2}')]);
    await tick();
    // The write-back error is reported to the later sync; the earlier batch cannot be trusted either.
    m.calls[1](new Error('EIO: i/o error'));
    await new Promise((r) => setTimeout(r, 20));
    expect([...first, ...second]).toEqual(['failed: EIO: i/o error', 'failed: EIO: i/o error']);
    expect(f.read()).toBe('{"n":0}\n');
    m.calls[0](null); // the earlier sync's late success changes nothing
    const after = a.append('{"n":3}');
    await tick();
    m.calls[2](null);
    await after;
    expect(f.read()).toBe('{"n":0}\n{"n":3}\n');
    await a.drain();
    closeSync(f.fd);
  });

  it('drain resolves once everything appended is durable', async () => {
    const f = setup();
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync, 2);
    void a.append('x');
    let drained = false;
    const d = a.drain().then(() => (drained = true));
    await tick();
    expect(drained).toBe(false);
    m.calls[0](null);
    await d;
    expect(drained).toBe(true);
    closeSync(f.fd);
  });

  it('a sync that finishes before it returns (on the receiver thread): batches in order, a failure refuses and cuts its batch', async () => {
    const f = setup('{"n":0}\n');
    const results: (Error | null)[] = [null, new Error('EIO: i/o error'), null];
    let calls = 0;
    const a = new EventAppender(f.fd, (_fd, done) => done(results[calls++]));
    const first = a.append('{"n":1}');
    await tick();
    const second = track([a.append('{"n":2}'), a.append('{"n":3}')]);
    await first;
    await tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toEqual(['failed: EIO: i/o error', 'failed: EIO: i/o error']);
    expect(f.read()).toBe('{"n":0}\n{"n":1}\n');
    await a.append('{"n":4}');
    expect(f.read()).toBe('{"n":0}\n{"n":1}\n{"n":4}\n');
    expect(a.fsyncs).toBe(3);
    await a.drain();
    closeSync(f.fd);
  });

  it('a batch waits a few turns of the event loop while appends keep arriving, and no longer', async () => {
    const f = setup();
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync);
    // A lone append is cut in the turn it arrived in.
    const lone = a.append('0');
    await turn();
    expect(m.calls).toHaveLength(1);
    m.calls[0](null);
    await lone;
    // Appends keep arriving turn after turn: the cut waits two more turns at most.
    const ps = [a.append('1'), a.append('2')];
    await turn();
    ps.push(a.append('3'));
    await turn();
    ps.push(a.append('4'));
    await turn();
    ps.push(a.append('5'));
    await turn();
    expect(m.calls).toHaveLength(2);
    expect(f.read()).toBe('0\n1\n2\n3\n4\n');
    m.calls[1](null);
    await tick();
    expect(f.read()).toBe('0\n1\n2\n3\n4\n5\n');
    m.calls[2](null);
    await Promise.all(ps);
    closeSync(f.fd);
  });
});

describe('EventAppender: the file moved or removed, and a hurried stop', () => {
  it('writes nothing into a file whose path names another one, and acknowledges nothing removed while it synced', async () => {
    const f = setup();
    const m = manualSync();
    const state = { moved: false, removed: false };
    const a = new EventAppender(f.fd, m.sync, 1, {
      beforeWrite: () => (state.moved ? new Error('moved') : null),
      afterSync: () => (state.removed ? new Error('removed') : null),
    });
    state.moved = true;
    const refused = track([a.append('1')]);
    await tick();
    expect([refused, f.read(), m.calls.length]).toEqual([['failed: moved'], '', 0]);
    state.moved = false;
    const synced = a.append('2');
    await tick();
    state.removed = true;
    m.calls[0](null);
    await expect(synced).rejects.toThrow('removed');
    closeSync(f.fd);
  });

  it('finishInFlight: the batch being synced is finished and acknowledged; what was not written yet is refused', async () => {
    const f = setup();
    const m = manualSync();
    const a = new EventAppender(f.fd, m.sync);
    const first = track([a.append('1')]);
    await tick();
    const later = track([a.append('2')]);
    let finished = false;
    const done = a.finishInFlight().then(() => (finished = true));
    await tick();
    expect([finished, first, later]).toEqual([false, ['pending'], ['failed: stopped before it was written']]);
    m.calls[0](null);
    await done;
    await tick();
    expect([first, f.read(), m.calls.length]).toEqual([['ok'], '1\n', 1]);
    await expect(a.append('3')).rejects.toThrow('stopped');
    closeSync(f.fd);
  });
});
