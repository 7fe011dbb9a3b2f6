/** A Graph API failure, typed: code, details, HTTP status, fbtrace_id and the action to take. */
import { EXIT, UpstreamError } from '../errors.js';
import { actionFor, type Action } from './actions.js';

/** The details of a Graph API error as the client maps them. */
export interface GraphErrorInit {
  code?: number;
  subcode?: number;
  title: string;
  details?: string;
  httpStatus: number;
  fbtraceId?: string;
  /** Overrides the table (network failures). */
  action?: Action;
  /** How long the response asked us to wait. */
  retryAfterMs?: number;
  /** Whether the request surely never reached the server. */
  notSent?: boolean;
  /** What to do, when the table (by code and HTTP status) cannot know: network failures say what to check. */
  todo?: string;
}

/** Every failure of a Graph request becomes one of these. */
export class GraphError extends UpstreamError {
  readonly graphCode: number | undefined;
  readonly subcode: number | undefined;
  readonly details: string | undefined;
  readonly httpStatus: number;
  readonly fbtraceId: string | undefined;
  readonly action: Action;
  readonly retryAfterMs: number | undefined;
  readonly notSent: boolean;
  readonly todo: string;
  /** The wait came from the response (Retry-After, x-business-use-case-usage), not from the table. */
  readonly waitFromResponse: boolean;

  constructor(init: GraphErrorInit) {
    const table = actionFor(init.code, init.httpStatus, init.subcode, init.title);
    const rule = init.todo ? { ...table, todo: init.todo } : table;
    // A bare status (no Graph error, no body text) is its own title: say it once.
    const codeText = init.code !== undefined ? `(#${init.code}) ` : init.httpStatus && init.title !== `HTTP ${init.httpStatus}` ? `HTTP ${init.httpStatus}: ` : '';
    // Meta's messages often start with their code already ("(#130429) Rate limit hit"): say it once.
    const title = init.code !== undefined && init.title.startsWith(codeText) ? init.title.slice(codeText.length) : init.title;
    super(`${codeText}${title}${init.details && init.details !== init.title ? `: ${init.details}` : ''}`, {
      code: init.code !== undefined ? `graph-${init.code}` : 'graph-network',
      hint: `${rule.todo}${init.fbtraceId ? ` (fbtrace_id ${init.fbtraceId})` : ''}`,
    }, isRateLimit(init.action ?? rule.action) ? EXIT.paused : EXIT.upstream);
    this.graphCode = init.code;
    this.subcode = init.subcode;
    this.details = init.details;
    this.httpStatus = init.httpStatus;
    this.fbtraceId = init.fbtraceId;
    this.action = init.action ?? rule.action;
    this.retryAfterMs = init.retryAfterMs ?? rule.waitMs;
    this.waitFromResponse = init.retryAfterMs !== undefined;
    this.notSent = init.notSent ?? false;
    this.todo = rule.todo;
  }
}

/** Throttling (throughput, spam, pair or call-budget limits): the same command works later, so it exits 75 (CONTRACT §3). */
export function isRateLimit(action: Action): boolean {
  return action === 'cooldown' || action === 'retry-after' || action === 'recipient-backoff';
}
