/** The suppression list: numbers that opted out (STOP and friends, 131050); send never messages them again. */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Suppression {
  e164: string;
  reason: string;
  at: string;
  source?: string;
}

/** Where the list lives: WA_OPS_SUPPRESSIONS, else wa-ops.suppressions.jsonl in the working directory. */
export function suppressionsPath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, env.WA_OPS_SUPPRESSIONS || 'wa-ops.suppressions.jsonl');
}

/** Every suppressed number (a torn or broken line is skipped). */
export function readSuppressions(path: string): Map<string, Suppression> {
  const out = new Map<string, Suppression>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const s = JSON.parse(line) as Suppression;
      if (typeof s.e164 === 'string') out.set(s.e164, s);
    } catch {
      // a torn last line from a crash: ignore it
    }
  }
  return out;
}

/** Append suppressions durably (mode 0600). */
export function addSuppressions(path: string, entries: Suppression[]): void {
  if (entries.length === 0) return;
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
