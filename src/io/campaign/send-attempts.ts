/** Carries out the engine's dispatch actions: the attempt stored durably first, then the POST; answers go back as inputs. */
import { errorMessage } from '../../core/caught.js';
import type { EngineAction, EngineInput, EngineState, ErrorFacts } from '../../core/campaign/engine-types.js';
import { GraphError } from '../../core/graph/graph-error.js';
import { ClaimNotStoredError } from '../store/claim-not-stored.js';
import type { LedgerWriter } from '../store/types.js';

/** One dispatch action of the engine. */
export type DispatchAction = Extract<EngineAction, { t: 'dispatch' }>;

/** What sending attempts needs from the run: the engine it reports to, the store, the POST and the way back. */
export interface SendAttemptsDeps {
  engine: EngineState;
  writer: LedgerWriter;
  /** POST one message; resolves with its wamid or rejects (GraphError). */
  send: (item: number, sender: string) => Promise<string>;
  /** Hand an input to the engine (wakes the loop). */
  push: (input: EngineInput) => void;
  /** A store write failed: tell the engine why. */
  storeFailed: (err: unknown) => void;
}

/** What a Graph failure means to the engine. */
export function errorFacts(e: GraphError): ErrorFacts {
  return {
    code: e.graphCode ?? (e.httpStatus ? `http-${e.httpStatus}` : 'network'),
    action: e.action,
    notSent: e.notSent,
    retryAfterMs: e.retryAfterMs,
    waitFromResponse: e.waitFromResponse,
    message: e.message,
    details: e.details,
    errorCode: e.code,
    hint: e.hint,
  };
}

/** Stores each dispatched attempt before its request goes out, and posts it; only the storing is awaited at the end. */
export class SendAttempts {
  /** Set once the run stops: claims that complete afterwards do not post. */
  stopped = false;
  private readonly claims = new Set<Promise<unknown>>();

  constructor(private readonly d: SendAttemptsDeps) {}

  /** Claim the recipient (durably), then post; a failed store write is reported, never thrown. */
  dispatch(a: DispatchAction): void {
    // Only the storing of attempts is awaited at the end; answers still on the way leave their recipient "unknown".
    const p: Promise<unknown> = this.claim(a)
      .catch((err: unknown) => {
        // Nothing stored, nothing sent: the recipient is pending again in this run's counts too (as in the store).
        if (err instanceof ClaimNotStoredError) this.d.push({ t: 'claimed-elsewhere', item: a.item, notStored: true });
        this.d.storeFailed(err);
      })
      .finally(() => this.claims.delete(p));
    this.claims.add(p);
  }

  /** Wait for every claim under way to be stored or to fail. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.claims]);
  }

  // A recipient waiting for its sender's shared slot is given up (nothing stored: still pending) when the run
  // stops, or under --no-wait when a cooldown began: the run must not wait it out.
  private readonly giveUp = (): boolean => {
    const { engine } = this.d;
    return this.stopped || engine.stopping !== undefined || (engine.cfg.noWait && Date.parse(engine.ledger.cooldownUntil ?? '') > Date.now());
  };

  private async claim(a: DispatchAction): Promise<unknown> {
    const { writer, engine, push } = this.d;
    // Durable before the request: a crash after this line leaves the recipient "unknown", never sent twice.
    const got = writer.sharedPacing ? await writer.sharedPacing.claim(a.attempt, engine.cfg.intervalMs, this.giveUp) : (await writer.claim(a.attempt)) ? 'claimed' : 'elsewhere';
    // Abandoned: nothing was stored. Elsewhere: another worker holds it (its own events say what became of it).
    if (got !== 'claimed') return push({ t: 'claimed-elsewhere', item: a.item, ...(got === 'abandoned' ? { notStored: true } : {}) });
    // The run stopped while the attempt was being stored: it never went out (and does not count against --limit).
    if (this.stopped) {
      push({ t: 'claimed-elsewhere', item: a.item, notStored: true });
      return writer.append({ t: 'retry-at', r: a.attempt.r, until: a.attempt.at, code: 'stopped', at: new Date().toISOString() });
    }
    void this.post(a);
  }

  private async post(a: DispatchAction): Promise<void> {
    const { push } = this.d;
    try {
      push({ t: 'response', item: a.item, ok: true, wamid: await this.d.send(a.item, a.sender) });
    } catch (err) {
      if (err instanceof GraphError) push({ t: 'response', item: a.item, ok: false, error: errorFacts(err) });
      else push({ t: 'failure', code: 'send-failed', message: errorMessage(err) });
    }
  }
}
