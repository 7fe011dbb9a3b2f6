/** The send loop's queue of engine inputs (answers, signals, store news); a new one cuts the loop's sleep short. */
import type { EngineInput } from '../../core/campaign/engine-types.js';
import { Waker } from './waker.js';

/** Inputs waiting for the engine, in arrival order. */
export class Inbox {
  private readonly queue: EngineInput[] = [];
  private readonly waker = new Waker();

  /** Queue an input and wake the loop. */
  readonly push = (input: EngineInput): void => {
    this.queue.push(input);
    this.waker.wake();
  };

  /** The oldest input, if any. */
  shift(): EngineInput | undefined {
    return this.queue.shift();
  }

  /** Sleep up to ms, or until the next push. */
  sleep(ms: number): Promise<void> {
    return this.waker.sleep(ms);
  }

  /** Take every input still queued. */
  drain(): EngineInput[] {
    return this.queue.splice(0);
  }
}
