/**
 * Text from a server (Graph answers, error pages) made safe to reach a terminal: escape sequences
 * (CSI, OSC such as title or clipboard writes, DCS) and control characters other than line break
 * and tab are removed, and so are the bidi overrides that make a line read differently than it is.
 */

// ESC-introduced sequences first (their parameters go too), then the 8-bit CSI/OSC/DCS forms.
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])?|[\x9b][0-?]*[ -/]*[@-~]?|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*[\x07\x9c]?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Remove terminal escapes and control characters (keeping \n and \t). */
export function stripTerminalControls(text: string): string {
  // Most text has none: one cheap test first.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

// What wa-ops itself never writes to a terminal: OSC (title, clipboard, hyperlinks), DCS, SOS, PM and APC
// strings, their 8-bit forms, and BEL. Colours and cursor moves (CSI) stay: the spinner and chalk use them.
const FOREIGN = /\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[\x07\x9b]/g;

/** Remove the sequences wa-ops never emits (the last line of defence on a terminal; text is cleaned at the source too). */
export function stripForeignSequences(text: string): string {
  return /[\x07\x1b\x90\x98\x9b\x9c\x9d\x9e\x9f]/.test(text) ? text.replace(FOREIGN, '') : text;
}
