/** Text that came from outside (webhook bodies, callback data): made safe to print on a terminal or in a table. */

// CSI/OSC escape sequences first (so their parameters go too), then any remaining C0/C1 control or bidi override.
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Strip terminal escapes and control characters; cap the length. */
export function cleanExternal(text: unknown, max = 200): string {
  const s = String(text ?? '').replace(ESCAPES, '').replace(CONTROLS, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
