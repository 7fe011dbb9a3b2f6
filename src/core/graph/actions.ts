/** What to do with each Graph API error code (whatsapp-api.md §3): one table, used by every command. */

/** What wa-ops does about a Graph error. */
export type Action =
  /** Wait the given time, then retry the same request (call budgets, maintenance). */
  | 'retry-after'
  /** Throughput or spam limit: pause the whole run for a cooldown. */
  | 'cooldown'
  /** Pair rate limit: back off this recipient only (4^x s). */
  | 'recipient-backoff'
  /** This recipient cannot be reached with this message: mark failed, go on. */
  | 'fail-recipient'
  /** Token, permission, account or template problem: stop the run. */
  | 'abort-run'
  /** Temporary server problem: retry with backoff, a bounded number of times. */
  | 'transient'
  /** The request may or may not have been processed (timeout or reset after it was sent). */
  | 'ambiguous';

/** What to do about a Graph error code (retry, cool down, skip, stop), how long to wait, and the operator's one-line to-do. */
export interface ActionRule {
  action: Action;
  /** Default wait for retry-after and cooldown, when the response says nothing better. */
  waitMs?: number;
  /** What an operator should do, in one line. */
  todo: string;
}

const MIN = 60_000;
const rule = (action: Action, todo: string, waitMs?: number): ActionRule => ({ action, todo, waitMs });

const TABLE: Record<number, ActionRule> = {
  130429: rule('cooldown', 'throughput limit reached: slow down below the number\'s messages per second', 5 * MIN),
  131056: rule('recipient-backoff', 'pair rate limit: too many messages to this recipient; retry after 4^x seconds'),
  // No hot retry (Meta): the table's hour is a floor under --cooldown (minWait below).
  131048: rule('cooldown', 'spam rate limit: pause the campaigns and check quality in WhatsApp Manager', 60 * MIN),
  131049: rule('fail-recipient', 'per-user marketing limit: do not resend this marketing template to this user for 24 h'),
  131026: rule('fail-recipient', 'undeliverable: not on WhatsApp, old client or terms not accepted; reach them another way'),
  131047: rule('fail-recipient', 'more than 24 h since the user last wrote: send an approved template instead'),
  131050: rule('fail-recipient', 'the user stopped marketing messages from you: never retry; wa-ops puts the number on the suppression list (MARKETING templates only)'),
  131051: rule('abort-run', 'unsupported message type: fix the payload'),
  131052: rule('fail-recipient', 'media sent by the user could not be downloaded'),
  131053: rule('fail-recipient', 'your media could not be used (type, size, reachability): fix the file; send stops after 5 in a row'),
  132000: rule('abort-run', 'template parameter count mismatch: fix the campaign\'s parameters mapping'),
  132001: rule('abort-run', 'template missing in that language or not approved: fix the name/language or wait for approval'),
  // Template problems stop the run with everyone pending (nobody burnt): the fix is in the campaign's values or mapping.
  // The text with this row's values is too long: that recipient's values (5 in a row stop the run: engine-param-refusals.ts).
  132005: rule('fail-recipient', 'the template text with this recipient\'s parameter values is too long: shorten the values in the list'),
  132007: rule('abort-run', 'template format character policy violated'),
  132012: rule('abort-run', 'parameter format mismatch: the values do not match the template\'s parameter formats; fix the mapping or values, then run the same command again'),
  132015: rule('abort-run', 'template paused for low quality: wait out the pause (3 h, then 6 h) or POST /{template-id}/unpause, then run the same command again'),
  132016: rule('abort-run', 'template disabled for good: create a new template'),
  132018: rule('fail-recipient', 'parameter text has a newline, tab or more than 4 spaces: sanitise the values'),
  133010: rule('abort-run', 'the business phone number is not registered: POST /{phone-number-id}/register'),
  131045: rule('abort-run', 'phone number registration error (incorrect certificate): register the number again'),
  131037: rule('abort-run', 'the display name needs approval before this number can send: check it in WhatsApp Manager'),
  132068: rule('abort-run', 'the template\'s flow is blocked: fix the flow in WhatsApp Manager'),
  190: rule('abort-run', 'access token expired or invalid: create a new system-user token'),
  104: rule('abort-run', 'no access token reached the API: set WA_OPS_TOKEN'),
  // Graph's answer to a path it cannot route, e.g. an API version that does not exist (/v99.0/).
  2500: rule('abort-run', 'the API does not know this path: check WA_OPS_API_VERSION (e.g. v23.0) and the ids in it'),
  0: rule('abort-run', 'authentication failed: re-authenticate'),
  3: rule('abort-run', 'capability missing: check the app\'s permissions with debug_token'),
  10: rule('abort-run', 'permission missing: the token needs whatsapp_business_messaging and whatsapp_business_management'),
  131005: rule('abort-run', 'access denied: check the token\'s permissions and WABA assignment'),
  4: rule('retry-after', 'the app hit its API call limit: wait for estimated_time_to_regain_access', 5 * MIN),
  80007: rule('retry-after', 'the WABA hit its API call limit: wait and retry', 15 * MIN),
  368: rule('abort-run', 'temporarily blocked for policy violations: stop sending and check Account Quality'),
  131031: rule('abort-run', 'account locked: check the Health Status API and Business Support'),
  130497: rule('fail-recipient', 'your account may not message users in this country'),
  131042: rule('abort-run', 'payment or eligibility problem: fix billing in Business Manager'),
  131057: rule('retry-after', 'account in maintenance (e.g. a throughput upgrade): retry in about a minute', MIN),
  131064: rule('abort-run', 'messaging limited for template classification violations: wait out the enforcement'),
  133015: rule('retry-after', 'number recently deleted, deletion still in progress: retry in 5 minutes', 5 * MIN),
  133016: rule('abort-run', 'too many register/deregister attempts: wait until the number is unblocked'),
  100: rule('fail-recipient', 'invalid parameter in the request: check the payload for this recipient'),
  131008: rule('fail-recipient', 'a required parameter is missing'),
  131009: rule('fail-recipient', 'a parameter value is invalid'),
  131021: rule('fail-recipient', 'the recipient is the sending number'),
  131030: rule('fail-recipient', 'recipient not in the test number\'s allowed list: add it in the App Dashboard'),
  130472: rule('fail-recipient', 'the user is in a marketing experiment: message not sent'),
  // "Generic user error": the request's parameters, alike for every recipient: no verdict on this one.
  135000: rule('abort-run', 'generic user error: the request\'s parameters were refused; check the campaign\'s template and mapping (wa-ops doctor --campaign), then run the same command again'),
  1: rule('transient', 'unknown error: check metastatus.com; retried once'),
  2: rule('transient', 'temporary downtime or overload: retried with backoff'),
  131000: rule('transient', 'something went wrong at Meta: retried with backoff'),
  131016: rule('transient', 'service temporarily unavailable: retried with backoff'),
  133004: rule('transient', 'server temporarily unavailable: retried with backoff'),
};

/** The rule for an error code (and HTTP status, for codes the table does not know). */
export function actionFor(code: number | undefined, httpStatus: number, subcode?: number, message?: string): ActionRule {
  // "Unsupported post request. Object with ID '...' does not exist" (100, subcode 33): the phone number id (or another
  // id in the path) is wrong or the token cannot see it. It fails every recipient alike, so it stops the run.
  if (code === 100 && (subcode === 33 || /^Unsupported (get|post|delete) request/.test(message ?? ''))) {
    return rule('abort-run', 'the object in the request path does not exist or the token cannot see it: check WA_OPS_PHONE_NUMBER_ID (or the WABA id) and the token\'s WABA access');
  }
  // "Tried accessing nonexisting field (message_templates) on node type (WhatsAppBusinessPhoneNumber)": an id of one kind
  // where another belongs (the phone number id as the WABA id, or the other way round), or a field this version lacks.
  const field = code === 100 ? /nonexisting field \(([^)]*)\) on node type \(([^)]*)\)/.exec(message ?? '') : null;
  if (field) return rule('abort-run', nodeTodo(field[1], field[2]));
  if (code !== undefined) {
    const known = TABLE[code];
    if (known) return known;
    if (code >= 200 && code <= 299) return rule('abort-run', 'permission missing: check the token\'s scopes with debug_token');
  }
  // No answer at all (the network client names the kind when it can): never "HTTP 0".
  if (httpStatus === 0) return rule('transient', 'no answer from the API: check the network connection, the Graph URL (WA_OPS_GRAPH_URL) and the proxy settings (HTTPS_PROXY, NO_PROXY)');
  // A bare 429 (a gateway's or proxy's, no Graph code) is throttling, not an outage: the request was refused, never
  // processed, so waiting as its Retry-After asks and sending again cannot send twice.
  if (httpStatus === 429) return rule('retry-after', 'rate limited by the API or a proxy in front of it (HTTP 429 without a Graph error): wait as its Retry-After asks (a minute without one), then try again; a campaign send waits by itself', MIN);
  if (httpStatus >= 500 || (code === undefined && httpStatus === 408)) return rule('transient', `HTTP ${httpStatus}: retried with backoff`);
  if (httpStatus === 401 || httpStatus === 403) return rule('abort-run', `HTTP ${httpStatus}: the API refused the credentials`);
  if (httpStatus === 407) return rule('abort-run', 'HTTP 407: the proxy wants credentials: put them in HTTPS_PROXY (http://user:password@host:port)');
  // An error status without a Graph error code is no verdict on the recipient: it came from something in between (a
  // proxy, a firewall, a wrong WA_OPS_GRAPH_URL) and would refuse every message alike, so nobody may be marked failed.
  if (code === undefined && httpStatus >= 400) {
    return rule('abort-run', `HTTP ${httpStatus} without a Graph error: not the Graph API's answer (a proxy, a firewall or a wrong WA_OPS_GRAPH_URL): check WA_OPS_GRAPH_URL and the proxy settings (HTTPS_PROXY, NO_PROXY)`);
  }
  return rule('fail-recipient', `error ${code ?? `HTTP ${httpStatus}`}: see the details`);
}

/** What to check when Graph says an object has no such field: which id names an object of the wrong kind. */
function nodeTodo(field: string, node: string): string {
  const kind = node === 'WhatsAppBusinessPhoneNumber' ? 'a phone number' : node === 'WhatsAppBusinessAccount' ? 'a WhatsApp Business Account' : `a ${node}`;
  const ids = 'check WA_OPS_WABA_ID and WA_OPS_PHONE_NUMBER_ID (swapped?)';
  return `the id in the request is ${kind}, which has no "${field}": ${node.startsWith('WhatsAppBusiness') ? ids : 'check the ids'}, or WA_OPS_API_VERSION if the field is newer than it`;
}

/** Codes whose table wait is a floor for a cooldown, whatever --cooldown says (Meta: no hot retry). */
const COOLDOWN_FLOORS: Record<number, number> = { 131048: 60 * MIN };

/** The shortest cooldown a code allows (0 when --cooldown decides alone). */
export function cooldownFloorMs(code: number | string): number {
  return typeof code === 'number' ? (COOLDOWN_FLOORS[code] ?? 0) : 0;
}

/** Every code the table covers (for tests and docs). */
export const KNOWN_CODES = Object.keys(TABLE).map(Number);

/** Backoff for the pair rate limit: 4^x seconds (1, 4, 16, 64 ...), capped at an hour. */
export function recipientBackoffMs(attempt: number): number {
  return Math.min(3_600_000, 1000 * 4 ** Math.max(0, attempt));
}
