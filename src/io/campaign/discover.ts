/** Find the campaigns of a folder: campaign files (JSON with "recipients" and "template") and ledgers left without one. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { errnoCode } from '../../core/caught.js';
import { errnoHint, errnoText } from '../../core/environment-errors.js';
import { InputError } from '../../core/errors.js';
import { isStale, type LockInfo } from '../ledger/lock.js';
import { defaultLedgerPath } from './campaign-file.js';

/** A campaign found in a folder: its file (if still there) and its ledger. */
export interface Found {
  /** The campaign file, or undefined for a ledger whose campaign file is gone. */
  file?: string;
  ledger: string;
}

/** Campaign files and orphan ledgers in `dir` (not recursive), sorted by file name. */
export function discoverCampaigns(dir: string): Found[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`--dir ${dir} is a file, not a folder`, { code: 'not-a-folder' });
    names = readdirSync(dir).sort();
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = errnoCode(err);
    throw new InputError(`--dir ${dir}${code === 'ENOENT' ? ': no such folder' : ` ${errnoText(code, 'cannot be read')}`}`, { code: 'file-not-found', hint: code === 'ENOENT' ? 'check the path' : errnoHint(code) });
  }
  const found: Found[] = [];
  const ledgers = new Set<string>();
  for (const name of names) {
    if (!name.endsWith('.json') || !looksLikeCampaign(join(dir, name))) continue;
    const file = join(dir, name);
    const ledger = defaultLedgerPath(file);
    ledgers.add(basename(ledger));
    found.push({ file, ledger });
  }
  for (const name of names) if (name.endsWith('.ledger.jsonl') && !ledgers.has(name)) found.push({ ledger: join(dir, name) });
  return found;
}

/** A campaign file names its recipients and template; config files, templates and reports do not. */
function looksLikeCampaign(path: string): boolean {
  try {
    // Only regular files are read: a FIFO would block the listing for ever, /dev/zero (a symlink to it) never end.
    const st = statSync(path);
    if (!st.isFile() || st.size > 1 << 20) return false;
    const v = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return typeof v === 'object' && v !== null && 'recipients' in v && 'template' in v;
  } catch {
    // Broken JSON is shown only if it still names the keys (then loading it explains the problem).
    try {
      const text = readFileSync(path, 'utf8');
      return text.includes('"recipients"') && text.includes('"template"');
    } catch {
      return false;
    }
  }
}

/** Does a live process hold the ledger's lock (a fresh heartbeat, and not a dead pid on this host)? */
export function lockHeld(ledger: string, now = Date.now()): boolean {
  const path = `${ledger}.lock`;
  try {
    const st = statSync(path);
    let info: LockInfo | undefined;
    try {
      // A lock that is not a regular file (a FIFO planted there) is not read: it would block.
      info = st.isFile() ? (JSON.parse(readFileSync(path, 'utf8')) as LockInfo) : undefined;
    } catch {
      info = undefined;
    }
    return !isStale({ info: info && typeof info.pid === 'number' ? info : undefined, mtimeMs: st.mtimeMs }, now);
  } catch {
    return false;
  }
}
