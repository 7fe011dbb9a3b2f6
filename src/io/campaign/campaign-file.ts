/** Read a campaign file and work out the paths that belong to it. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { errnoCode } from '../../core/caught.js';
import { errnoHint, errnoText } from '../../core/environment-errors.js';
import { InputError } from '../../core/errors.js';
import { describeSpecial } from '../input-file.js';
import { shellQuote } from '../../core/shell-quote.js';
import { parseJsonText } from '../../core/json-text.js';
import { CampaignProblem, parseCampaign, type Campaign } from '../../core/campaign/schema.js';

/** A campaign file loaded: the campaign, the list and ledger paths, its identity and hash. */
export interface CampaignFile {
  path: string;
  campaign: Campaign;
  /** The recipients CSV, resolved relative to the campaign file. */
  recipientsPath: string;
  /** <campaign-file-base>.ledger.jsonl next to the campaign, unless overridden. */
  ledgerPath: string;
  /** Stable id used in biz_opaque_callback_data. */
  campaignId: string;
  sha256: string;
}

// A campaign file is a few hundred bytes; a megabyte is not one (and is not read whole).
const MAX_CAMPAIGN_BYTES = 1024 * 1024;

/** Default ledger path for a campaign file. */
export function defaultLedgerPath(campaignPath: string): string {
  const dir = dirname(campaignPath);
  return join(dir, `${basename(campaignPath, extname(campaignPath))}.ledger.jsonl`);
}

/** Load and check a campaign file. */
export function loadCampaignFile(path: string, ledgerOverride?: string): CampaignFile {
  const abs = resolve(path);
  let text: string;
  try {
    const st = statSync(abs);
    // What it is comes before how big it is: a folder of 30,000 files is a folder, not a 2 MB campaign.
    // A campaign is read by name only: the lists' advice to pipe a FIFO into "-" does not apply here.
    const special = describeSpecial(abs, st)?.replace(/: pipe it into standard input.*$/, '');
    if (special) throw new InputError(`${path} ${special}`, { code: 'not-a-file', hint: st.isDirectory() ? `pass the campaign JSON file with --campaign; the campaigns in this folder: wa-ops campaigns --dir ${shellQuote(path)}` : 'pass the campaign JSON file with --campaign' });
    if (st.size > MAX_CAMPAIGN_BYTES) throw new InputError(`${path} is ${st.size.toLocaleString('en-US')} bytes: not a campaign file (at most ${MAX_CAMPAIGN_BYTES.toLocaleString('en-US')})`, { code: 'bad-campaign', hint: 'pass the campaign JSON file with --campaign' });
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = errnoCode(err);
    const known = code === 'ENOENT' || code === 'EISDIR';
    throw new InputError(`${path}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': is a folder, not a file' : ` ${errnoText(code, 'cannot be read')}`}`, { code: 'file-not-found', hint: known ? 'pass the campaign JSON file with --campaign' : (errnoHint(code) ?? 'pass the campaign JSON file with --campaign') });
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError(`${path}:${parsed.problem.line}:${parsed.problem.column}: invalid JSON: ${parsed.problem.reason}`, { code: 'invalid-json' });
  let campaign: Campaign;
  try {
    campaign = parseCampaign(parsed.value);
  } catch (err) {
    if (err instanceof CampaignProblem) throw new InputError(`${path}: ${err.message}`, { code: 'bad-campaign', hint: 'see "send --campaign" in the README for the campaign file format' });
    throw err;
  }
  const slug = campaign.name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'campaign';
  const id = `${slug}-${createHash('sha256').update(abs).digest('hex').slice(0, 8)}`;
  return {
    path: abs,
    campaign,
    recipientsPath: resolve(dirname(abs), campaign.recipients),
    ledgerPath: ledgerOverride ? resolve(ledgerOverride) : defaultLedgerPath(abs),
    campaignId: id,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}
