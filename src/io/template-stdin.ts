/** Standard input as a template file (`lint-template -`): `curl .../message_templates | wa-ops lint-template -`. */
import { readSync } from 'node:fs';
import { dotenvText } from '../core/dotenv-text.js';
import { InputError } from '../core/errors.js';

/** Read all of standard input, refusing more than `max` bytes (read in chunks: a runaway pipe never fills memory). */
export function readStdinText(max: number, isTty = Boolean(process.stdin.isTTY)): string {
  if (isTty) {
    throw new InputError('-: standard input is a terminal, not a template', { code: 'no-input', hint: 'pipe a template in (curl ... | wa-ops lint-template -), or pass files, folders or --text "<body>"' });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((err as NodeJS.ErrnoException).code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new InputError(`-: standard input holds more than ${max / 1024 / 1024} MB, too much for templates`, { code: 'file-too-big', hint: 'lint the template files themselves; Meta allows 1,024 characters in a body' });
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return dotenvText(Buffer.concat(chunks));
}
