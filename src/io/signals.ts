/** Ctrl-C and SIGTERM for a long command: noted from the first moment, so every wait, prompt and pre-flight can stop within a second. */
import { InterruptedError, type StopSignal } from '../core/errors.js';
import { hungUp, ownSignalHandler } from './early-signals.js';

/** The signals that stop a run (Ctrl-C, a supervisor's stop, a hangup: early-signals.ts turns SIGHUP into SIGTERM, told apart here). */
export type { StopSignal } from '../core/errors.js';

/** Watches SIGINT/SIGTERM until disposed; the first signal wins. */
export class SignalWatch {
  signal: StopSignal | undefined;
  private readonly listeners = new Set<(s: StopSignal) => void>();
  private readonly handlers: ['SIGINT' | 'SIGTERM', () => void][];

  constructor() {
    // A hangup reaches us as the SIGTERM early-signals.ts sends itself: named for what it is (exit 129, its message).
    this.handlers = (['SIGINT', 'SIGTERM'] as const).map((s) => [s, ownSignalHandler(() => this.fire(s === 'SIGTERM' && hungUp() ? 'SIGHUP' : s))]);
    for (const [s, h] of this.handlers) process.on(s, h);
  }

  /** Treat a signal as received (an interrupted prompt says Ctrl-C without a SIGINT). */
  fire(s: StopSignal): void {
    this.signal ??= s;
    for (const l of [...this.listeners]) l(this.signal);
  }

  /** Call back on the first signal (at once if one came already); returns the unsubscribe. */
  on(cb: (s: StopSignal) => void): () => void {
    if (this.signal) cb(this.signal);
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Throw InterruptedError if a signal came. */
  check(note?: string): void {
    if (this.signal) throw new InterruptedError(this.signal, note ? { hint: note } : {});
  }

  /** Resolve with p, or reject with InterruptedError as soon as a signal comes. */
  race<T>(p: Promise<T>, note?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const off = this.on((s) => reject(new InterruptedError(s, note ? { hint: note } : {})));
      p.then(
        (v) => {
          off();
          resolve(v);
        },
        (e) => {
          off();
          reject(e);
        },
      );
    });
  }

  /** Sleep until a time, or until a signal (then throw InterruptedError). */
  async sleepUntil(until: number, note?: string): Promise<void> {
    while (Date.now() < until) {
      await this.race(new Promise<void>((r) => setTimeout(r, Math.min(1000, until - Date.now()))), note);
    }
    this.check(note);
  }

  /** Stop listening. */
  dispose(): void {
    for (const [s, h] of this.handlers) process.off(s, h);
    this.listeners.clear();
  }
}
