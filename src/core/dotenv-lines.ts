/** wa-ops's own lines of a .env file, checked: a typo or a broken line must not silently leave a setting unset. */
import { nearestName } from './nearest-name.js';

/** What is wrong with a WA_OPS_ line of .env: its 1-based line number, what, and what to do. */
export interface DotenvProblem {
  line: number;
  message: string;
  hint: string;
}

const WA_LINE = /^\s*(?:export\s+)?(WA_OPS_[A-Za-z0-9_]*)(.*)$/;

/**
 * The problems of the lines that set WA_OPS_ variables (other tools' lines are theirs to judge): a line
 * without "=" (`WA_OPS_TOKEN: abc`), a quote that never closes on its line, a name wa-ops does not know
 * (with the nearest known one), a security override that is read from the environment only. Values are never quoted back: they may be secrets.
 */
export function dotenvProblems(text: string, known: readonly string[], envOnly: readonly string[]): DotenvProblem[] {
  const out: DotenvProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = WA_LINE.exec(raw);
    if (!m) return;
    const [, name, rest] = m;
    const line = i + 1;
    if (!/^\s*=/.test(rest)) {
      out.push({ line, message: `${name} is not set: the line has no "="`, hint: `write it as ${name}=value` });
      return;
    }
    const value = rest.replace(/^\s*=\s*/, '');
    const quote = value[0];
    if ((quote === '"' || quote === "'") && !value.slice(1).includes(quote)) {
      out.push({ line, message: `${name}'s value opens a quote (${quote}) that does not close on its line`, hint: `close the quote, or write the value without quotes; a value must be one line` });
      return;
    }
    if (envOnly.includes(name)) {
      out.push({ line, message: `${name} is read from the environment only, never from .env (a security override is not kept in a file)`, hint: 'remove the line; export it in the shell for the commands that need it, or pass its flag' });
      return;
    }
    // The project's own test and benchmark switches (WA_OPS_TEST_PG_URL, WA_OPS_BENCH_CPU) are not wa-ops settings.
    if (known.includes(name) || /^WA_OPS_(TEST|BENCH)_/.test(name)) return;
    const suggestion = nearestVariable(name, known);
    out.push({
      line,
      message: `${name} is not a wa-ops variable${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
      hint: `${suggestion ? `rename it to ${suggestion}` : 'remove or rename it'}; the README's configuration table lists every variable`,
    });
  });
  return out;
}

/** The known variable a misspelt one meant: near by edit distance (WA_OPS_TOKN), else the one holding all its words (WA_OPS_PHONE_ID). */
function nearestVariable(name: string, known: readonly string[]): string | undefined {
  const near = nearestName(name, known);
  if (near && near.distance <= Math.max(3, Math.floor(name.length / 4))) return near.name;
  const words = name.toUpperCase().split('_').filter(Boolean);
  const holding = known.filter((k) => words.every((w) => k.split('_').includes(w)));
  return holding.length === 1 ? holding[0] : undefined;
}
