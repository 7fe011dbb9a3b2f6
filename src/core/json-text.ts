/** JSON parsing that names the line and column of a syntax error, for messages a user can act on. */

/** Where a JSON text stops being JSON, and why. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

/** Line and column (1-based) of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Does this prefix of a JSON text hold an error before its end (not merely stop early)? */
function failsWithin(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/^Unexpected end of JSON input$/.test(message)) return false;
    const at = /at position (\d+)/.exec(message);
    return !at || Number(at[1]) < prefix.length;
  }
}

/**
 * Where a text stops being JSON when the parser's message does not say ("Unexpected token 'x'"): the shortest
 * prefix that already fails, found by bisection (an error in a prefix stays in every longer one).
 */
function firstBadOffset(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsWithin(text.slice(0, mid + 1))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Parse JSON text; on failure return where and why instead of throwing. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message);
    const lc = /\(line (\d+) column (\d+)\)/.exec(message);
    let where: { line: number; column: number };
    if (lc) where = { line: Number(lc[1]), column: Number(lc[2]) };
    else if (at) where = positionOf(body, Number(at[1]));
    else if (/^Unexpected end of JSON input$/.test(message)) where = positionOf(body, body.trimEnd().length);
    else where = positionOf(body, firstBadOffset(body));
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of input')
      // V8 quotes a snippet of the text (..."WA_OPS_TOK"...), quotes and all: never echo file contents, it may be a secret.
      .replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, ': not valid JSON')
      .replace(/^(Unexpected token) '.'/, '$1');
    return { ok: false, problem: { ...where, reason } };
  }
}
