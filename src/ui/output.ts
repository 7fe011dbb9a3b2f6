/** The two channels: stdout for data, stderr for everything a human reads while it runs. */
import { Chalk, type ChalkInstance } from 'chalk';
import { redact } from '../core/redact.js';
import { noteDocumentPrinted } from '../io/early-signals.js';
import { stripForeignSequences } from '../core/terminal-text.js';
import { term } from './term.js';

let installed = false;

/**
 * Route every write to stdout and stderr through the redactor (ours, commander's, ora's, a stack
 * trace's): one layer, so no path can forget it. Idempotent.
 */
export function installRedaction(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    // On a terminal, also drop the escape strings wa-ops never writes (a title or clipboard write hidden in data).
    const clean = stream.isTTY ? (t: string) => stripForeignSequences(redact(t)) : redact;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') return write(clean(chunk), ...rest);
      if (chunk instanceof Uint8Array) {
        const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8');
        const cleaned = clean(text);
        return write(cleaned === text ? chunk : cleaned, ...(cleaned === text ? rest : rest.filter((r) => typeof r !== 'string')));
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

/** Write data (a report, a JSON document) to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

/** Write one JSON document to stdout. */
export function outJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  noteDocumentPrinted();
}

/** Informational line on stderr (silenced by --quiet and --json). */
export function info(text: string): void {
  const t = term();
  if (t.quiet || t.json) return;
  process.stderr.write(text + '\n');
}

/** Warning on stderr (silenced by --quiet only). */
export function warn(text: string): void {
  if (term().quiet) return;
  process.stderr.write(`${paint('yellow', 'warning')} ${text}\n`);
}

type Colour = 'red' | 'green' | 'yellow' | 'gray' | 'cyan' | 'bold' | 'dim';

let chalkInstance: ChalkInstance | undefined;

/** Colour a string when the terminal allows it. */
export function paint(colour: Colour, text: string): string {
  if (!term().color) return text;
  chalkInstance ??= new Chalk({ level: 1 });
  return chalkInstance[colour](text);
}
