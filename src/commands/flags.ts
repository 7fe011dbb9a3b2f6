/** Parsers for flag values shared by commands; each throws a UsageError naming the flag. */
import { statSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { isoCodeFor } from '../core/numbers/region-code.js';
import { webhookTargetProblem } from '../core/url-policy.js';
import { DEFAULT_CSV_LIMITS, type CsvLimits } from '../io/csv/record-splitter.js';

/** A percentage in [min, 100]. */
export function percentFlag(flag: string, value: unknown, min = 0): number {
  const n = Number(String(value).replace(/%$/, '').trim());
  if (!Number.isFinite(n) || n < min || n > 100) {
    throw new UsageError(`${flag} must be a percentage between ${min} and 100, got "${value}"`, { code: 'bad-flag' });
  }
  return n;
}

/** A positive integer (or zero when allowed). */
export function intFlag(flag: string, value: unknown, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got "${value}"`, { code: 'bad-flag' });
  return n;
}

/** An ISO 3166-1 alpha-2 region that libphonenumber knows. */
export function regionFlag(flag: string, value: unknown, isSupported: (c: string) => boolean): string {
  const code = String(value).trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !isSupported(code)) {
    const iso = isoCodeFor(code);
    throw new UsageError(`${flag} must be a two-letter region code such as DE, US or BR, got "${value}"`, { code: 'bad-flag', ...(iso ? { hint: `its ISO 3166 code is ${iso}: ${flag} ${iso}` } : {}) });
  }
  return code;
}

/** A URL wa-ops POSTs webhooks to (http or https, no credentials), normalised; else a usage error naming the flag. */
export function webhookTargetFlag(flag: string, value: string | undefined, example: string): string | undefined {
  if (value === undefined) return undefined;
  const problem = webhookTargetProblem(value);
  if (problem) throw new UsageError(`${flag} ${problem}`, { code: 'bad-flag', hint: `e.g. ${flag} ${example}` });
  return new URL(value).toString();
}

/** A string flag's value, or undefined (commander gives strings, booleans or arrays; anything else is absent). */
export function stringFlag(flags: Record<string, unknown>, key: string): string | undefined {
  const v = flags[key];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable or variadic flag's values (strings only). */
export function listFlag(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A path flag that names a file (it may not exist yet): a folder there is a usage error naming the flag and the path. */
export function filePathFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let folder = false;
  try {
    folder = statSync(value).isDirectory();
  } catch {
    // Absent (to be created) or unreadable: the command that opens it says so.
  }
  if (folder) throw new UsageError(`${flag} ${value} is a folder, not a file`, { code: 'bad-flag', hint: `give ${flag} the path of a file` });
  return value;
}

/** --max-line-length and --max-field-length, the caps on a list's records (validate-numbers, send, status, doctor). */
export function csvLimitFlags(f: { maxLineLength?: unknown; maxFieldLength?: unknown }): CsvLimits {
  return {
    maxLine: f.maxLineLength === undefined ? DEFAULT_CSV_LIMITS.maxLine : intFlag('--max-line-length', f.maxLineLength, 1),
    maxField: f.maxFieldLength === undefined ? DEFAULT_CSV_LIMITS.maxField : intFlag('--max-field-length', f.maxFieldLength, 1),
  };
}

/** The caps as flags for a printed command: only those that differ from the defaults. */
export function csvLimitArgs(limits: CsvLimits | undefined): string[] {
  const args: string[] = [];
  if (limits && limits.maxLine !== DEFAULT_CSV_LIMITS.maxLine) args.push('--max-line-length', String(limits.maxLine));
  if (limits && limits.maxField !== DEFAULT_CSV_LIMITS.maxField) args.push('--max-field-length', String(limits.maxField));
  return args;
}

/** How commander delivers one option: a required string, an optional string, a switch, a repeatable list, or a --no- string. */
export type FlagKind = 'required' | 'string' | 'boolean' | 'list' | 'string-or-false';

/** The kind a flag interface's property type calls for (the compiler holds the schema to the interface). */
type KindOf<V> = [V] extends [string]
  ? 'required'
  : [V] extends [string | undefined]
    ? 'string'
    : [V] extends [boolean | undefined]
      ? 'boolean'
      : [V] extends [string[] | undefined]
        ? 'list'
        : [V] extends [string | false | undefined]
          ? 'string-or-false'
          : never;

/** One entry per property of the command's flag interface: adding a flag without its kind does not compile. */
export type FlagSchema<T> = { [K in keyof T]-?: KindOf<T[K]> };

/**
 * Commander's options as the command's typed flags, checked key by key against the schema (a value of
 * another kind is a usage error naming the flag, never a silent cast); keys outside the schema stay out.
 */
export function parseFlags<T>(flags: Record<string, unknown>, schema: FlagSchema<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(schema) as [string, FlagKind][]) {
    const v = flags[key];
    const name = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const ok =
      kind === 'list'
        ? v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'))
        : kind === 'boolean'
          ? v === undefined || typeof v === 'boolean'
          : kind === 'string-or-false'
            ? v === undefined || v === false || typeof v === 'string'
            : kind === 'string'
              ? v === undefined || typeof v === 'string'
              : typeof v === 'string';
    if (!ok) throw new UsageError(v === undefined ? `${name} is required` : `${name} takes ${kind === 'boolean' ? 'no value' : 'a value'}`, { code: 'bad-flag' });
    if (v !== undefined) out[key] = v;
  }
  // Every key was checked against its kind above: this is the one place the shape is asserted.
  return out as T;
}
