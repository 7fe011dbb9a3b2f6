/** The send engine's inputs, actions and state: data only, so that a fake clock can drive it in tests. */
import type { StopSignal } from '../errors.js';
import type { Action as GraphAction } from '../graph/actions.js';
import type { AttemptEvent, LedgerEvent, SkippedEvent } from './events.js';
import type { DueHeap } from './heap.js';
import type { LedgerState } from './ledger-state.js';
import type { SendWindow } from './window.js';

/** One recipient of this run (the executor renders its payload; the engine only schedules it). */
export interface EngineItem {
  e164: string;
  /** IANA zone of the recipient, for the send window. */
  zone?: string;
  /** biz_opaque_callback_data of its messages. */
  cb: string;
}

/** What a run is given: its recipients, senders, pace, limits and policies (fixed for the run). */
export interface EngineConfig {
  items: EngineItem[];
  senders: string[];
  intervalMs: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Base cooldown after a rate-limit error (doubled for each cooldown that follows another without an hour's break, at most 8x). */
  cooldownMs: number;
  /** Stop (paused) instead of waiting out a cooldown or a long wait. */
  noWait: boolean;
  /** Resend recipients whose outcome is unknown (otherwise anyone no longer pending is skipped, e.g. claimed by another worker). */
  retryUnknown?: boolean;
  /** Recipients this run starts at most (retries of started ones do not count again). */
  limit?: number;
  /** Unique recipients per rolling 24 h: warn at warnAt, pause at pauseAt. */
  budget?: { limit: number; warnAt: number; pauseAt: number; source: string };
  /** Recipients outside their local window wait; the run sends to those inside. */
  window?: { w: SendWindow; seed: number };
  /** Tries per recipient for a temporary failure before it is left pending for a later run. */
  maxTransientRetries: number;
  /** Consecutive failures where the API could not be reached (or did not answer) before the run stops. */
  maxNotSent: number;
  /** --max-duration: stop (paused) at this time. */
  deadline?: number;
  /** No cooldown is honoured past this time (a cooldown in the year 9999 is damage, not a plan). */
  cooldownCapAt?: number;
  /** How long a stop waits for answers in flight: after a signal, and otherwise. */
  graceMs: number;
  drainMs: number;
  /** Recipients examined per step before yielding (keeps signals and timers responsive). */
  batch: number;
  /** A time as people read it in notices (the command's local-time formatter; ISO-8601 when not given). */
  timeText?: (ms: number) => string;
  /** This run's id: written in its "run" event and in each of its attempts, so a resume knows what it used of --limit. */
  runId?: string;
}

/** A failed request, as the engine needs to know it (built from a GraphError by the executor). */
export interface ErrorFacts {
  /** Graph code, `http-<status>` or `network`. */
  code: number | string;
  action: GraphAction;
  /** The request surely never reached the API (connection refused, DNS, TLS). */
  notSent: boolean;
  retryAfterMs?: number;
  /** The wait came from the response itself. */
  waitFromResponse: boolean;
  message: string;
  details?: string;
  /** Kebab-case error id (`graph-190`) and the operator's next step. */
  errorCode: string;
  hint?: string;
}

/** What the executor feeds step(): a tick, an answer, a claim refused, a signal, a lost store, a failure or others' events. */
export type EngineInput =
  | { t: 'tick' }
  | { t: 'response'; item: number; ok: true; wamid: string }
  | { t: 'response'; item: number; ok: false; error: ErrorFacts }
  /** A claim that did not go through; notStored: this worker's attempt is not in the store (nothing went out: pending). */
  | { t: 'claimed-elsewhere'; item: number; notStored?: boolean }
  | { t: 'signal'; signal: StopSignal }
  | { t: 'lost'; reason: string }
  | { t: 'failure'; code: string; message: string; hint?: string }
  | { t: 'events'; events: LedgerEvent[] }
  /** Recipients of this run the suppression list now holds (an opt-out that arrived while it sends), each with its skip. */
  | { t: 'opt-outs'; skips: { item: number; event: SkippedEvent }[] };

/** How and why a run ended, with the exit code when aborted. */
export interface StopReason {
  outcome: 'done' | 'paused' | 'aborted' | 'interrupted';
  /** Error id when aborted or paused for a reason other than a cooldown. */
  code?: string;
  message?: string;
  hint?: string;
  /** Exit code the command should use for an aborted run (3 unless said otherwise). */
  exit?: number;
  until?: number;
  signal?: StopSignal;
}

/** What step() asks the executor to do: store an event, send, sleep, tell the user, or stop. */
export type EngineAction =
  | { t: 'record'; event: LedgerEvent }
  | { t: 'dispatch'; item: number; sender: string; attempt: AttemptEvent }
  | { t: 'sleep'; until: number }
  | { t: 'notice'; text: string }
  | { t: 'stop'; reason: StopReason };

/** One sender's pace: its k-th slot is at anchor + k intervals. */
export interface Pacer {
  sender: string;
  anchor: number;
  k: number;
}

/** Everything the engine knows mid-run (the replayed ledger included); only step() changes it. */
export interface EngineState {
  cfg: EngineConfig;
  ledger: LedgerState;
  /** Next item of the fresh queue. */
  next: number;
  /** An item put back to be taken first. */
  front?: number;
  heap: DueHeap;
  /** Heap entries whose recipient this run already started. */
  waitingStarted: number;
  /** Dispatched and not answered yet: the sender, when, and the pace slot taken (slot k of the sender's schedule from anchor). */
  inFlight: Map<number, { sender: string; at: number; anchor: number; k: number }>;
  startedFlags: Uint8Array;
  started: number;
  /**
   * Started recipients given back without a request: claimed by another worker first, or abandoned while waiting for the
   * sender's shared slot. They do not count against --limit (a worker told --limit 10 sends up to 10 messages itself).
   */
  released: number;
  /** Started recipients whose outcome for this run is settled (sent, failed, unknown, left pending for the next run). */
  settled: number;
  /** Recipients never started because they were no longer pending when their turn came (another worker's). */
  passed: number;
  pacers: Pacer[];
  pairHits: Map<string, number>;
  transientTries: Map<string, number>;
  /** Consecutive failures without an answer about the recipient, when the last counted one came, and no dispatch before outageUntil. */
  streak: number;
  lastFailureAt: number;
  outageUntil: number;
  stopping?: StopReason;
  stopBy: number;
  stopped: boolean;
  /** The cooldown end the pacers were last re-anchored after. */
  reanchoredAfter: number;
  thisRun: { sent: number; failed: number; unknown: number; deferred: number };
  budgetWarned: boolean;
  /** The daily budget paused this run (said once). */
  budgetPaused?: boolean;
  mediaFailures: number;
  /** Recipients refused for their parameter values in a row, their verdict held until the streak breaks (engine-param-refusals.ts). */
  paramHeld: { r: string; e: ErrorFacts }[];
  zones: Map<string, { minute: number; next: number }>;
  /** What the run waits for now (for the progress line). */
  waiting?: { until: number; why: 'cooldown' | 'window' | 'backoff' | 'pace' | 'outage' | 'budget' };
}
