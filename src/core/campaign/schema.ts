/** The campaign file (CONTRACT §7): parsed and checked, with errors that name the field. */
import { parseDuration, parseRate } from './duration.js';
import { parseWindow, type SendWindow } from './window.js';

/** The header media kinds a template can carry. */
export type MediaKind = 'image' | 'video' | 'document';
/** Where a template variable's value comes from: a list column, a fixed text, or a media file or URL. */
export type ParamSource = { column: string } | { text: string } | { media: MediaKind; source: string; filename?: string };

/** A campaign file, checked and with defaults applied. */
export interface Campaign {
  name: string;
  recipients: string;
  phoneColumn?: string;
  /** Column holding each row's ISO2 region (as validate-numbers --country-column). */
  countryColumn?: string;
  defaultCountry?: string;
  template: { name: string; language: string };
  parameters: { header: ParamSource[]; body: ParamSource[]; buttons: Map<number, ParamSource[]> };
  senders: string[];
  /** Milliseconds between messages per sender, when the file sets a pace. */
  intervalMs?: number;
  dailyLimit?: number;
  /** Local-time send window of each recipient. */
  window?: SendWindow;
}

/** A campaign file that cannot be used; the message names the key and what to write. */
export class CampaignProblem extends Error {}

/** Every key a campaign file may hold; anything else is refused (a typo must not silently change a send). */
export const CAMPAIGN_KEYS = ['$schema', 'name', 'recipients', 'phoneColumn', 'countryColumn', 'defaultCountry', 'template', 'parameters', 'senders', 'pace', 'dailyLimit', 'window'];
const NESTED_KEYS: Record<string, string[]> = { template: ['name', 'language'], pace: ['interval', 'rate'], parameters: ['header', 'body', 'buttons'] };

/** Refuse unknown keys, with the closest known one as a suggestion; Graph URLs get their own answer. */
function checkKeys(value: Record<string, unknown>): void {
  if (value.graphUrls !== undefined || value.graphUrl !== undefined) {
    throw new CampaignProblem('a campaign file cannot name Graph API URLs ("graphUrls"): campaign files are data, and the URL receives your access token. Graph URLs come from --graph-url, WA_OPS_GRAPH_URL or the config file');
  }
  const unknown = (keys: string[], known: string[], at: string) => {
    for (const k of keys) {
      if (known.includes(k)) continue;
      const near = closest(k, known);
      throw new CampaignProblem(`unknown key "${at}${k.slice(0, 60)}"${near ? `: did you mean "${at}${near}"?` : ` (known keys: ${known.filter((x) => x !== '$schema').join(', ')})`}`);
    }
  };
  unknown(Object.keys(value), CAMPAIGN_KEYS, '');
  for (const [key, known] of Object.entries(NESTED_KEYS)) {
    const v = value[key];
    if (isObj(v)) unknown(Object.keys(v), known, `${key}.`);
  }
}

/** The known name nearest to a typo (case-insensitive edit distance, at most a third of its length). */
export function closest(word: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === word.toLowerCase() ? 0 : distance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Validate a parsed campaign JSON value. Throws CampaignProblem naming the field. */
export function parseCampaign(value: unknown): Campaign {
  if (!isObj(value)) throw new CampaignProblem('a campaign file holds one JSON object');
  checkKeys(value);
  const str = (key: string, v: unknown, optional = false): string | undefined => {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new CampaignProblem(`"${key}" must be a non-empty string`);
    return v;
  };
  const name = str('name', value.name)!;
  const recipients = str('recipients', value.recipients)!;
  if (!isObj(value.template)) throw new CampaignProblem('"template" must be an object: {"name": "...", "language": "..."}');
  const template = { name: str('template.name', value.template.name)!, language: str('template.language', value.template.language)! };
  const p = value.parameters === undefined ? {} : value.parameters;
  if (!isObj(p)) throw new CampaignProblem('"parameters" must be an object with "header", "body" and/or "buttons"');
  const list = (key: string, v: unknown): ParamSource[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new CampaignProblem(`"${key}" must be an array of column names or {"text": "..."}`);
    return v.map((item, i) => {
      if (typeof item === 'string' && item !== '') return { column: item };
      if (isObj(item) && typeof item.text === 'string') return { text: item.text };
      if (isObj(item) && typeof item.column === 'string') return { column: item.column };
      for (const kind of ['image', 'video', 'document'] as const) {
        if (isObj(item) && typeof item[kind] === 'string') {
          if (key !== 'parameters.header') throw new CampaignProblem(`"${key}[${i}]": media only go in parameters.header`);
          return { media: kind, source: item[kind] as string, filename: typeof item.filename === 'string' ? item.filename : undefined };
        }
      }
      throw new CampaignProblem(`"${key}[${i}]" must be a column name, {"text": "..."}, or in the header {"image"|"video"|"document": "<file or https URL>"}`);
    });
  };
  const buttons = new Map<number, ParamSource[]>();
  if (Array.isArray(p.buttons)) p.buttons.forEach((b, i) => b !== null && buttons.set(i, list(`parameters.buttons[${i}]`, Array.isArray(b) ? b : [b])));
  else if (isObj(p.buttons)) for (const [k, b] of Object.entries(p.buttons)) buttons.set(Number(k), list(`parameters.buttons.${k}`, Array.isArray(b) ? b : [b]));
  else if (p.buttons !== undefined) throw new CampaignProblem('"parameters.buttons" must be an array (one entry per button) or an object keyed by button index');
  const senders = value.senders === undefined ? [] : value.senders;
  if (!Array.isArray(senders) || !senders.every((s) => typeof s === 'string' && /^\d+$/.test(s))) {
    throw new CampaignProblem('"senders" must be an array of phone number ids (digits)');
  }
  let intervalMs: number | undefined;
  if (value.pace !== undefined) {
    if (!isObj(value.pace)) throw new CampaignProblem('"pace" must be {"interval": "6s"} or {"rate": "10/min"}');
    if (typeof value.pace.interval === 'string') intervalMs = parseDuration(value.pace.interval);
    else if (typeof value.pace.rate === 'string') intervalMs = parseRate(value.pace.rate);
    if (intervalMs === undefined || intervalMs <= 0) throw new CampaignProblem('"pace" must be {"interval": "6s"} or {"rate": "10/min"} (durations: 250ms, 6s, 5m, 1h)');
  }
  let dailyLimit: number | undefined;
  if (value.dailyLimit !== undefined) {
    if (!Number.isInteger(value.dailyLimit) || (value.dailyLimit as number) < 1) throw new CampaignProblem('"dailyLimit" must be a positive integer');
    dailyLimit = value.dailyLimit as number;
  }
  let window: SendWindow | undefined;
  if (value.window !== undefined) {
    if (!isObj(value.window)) throw new CampaignProblem('"window" must be {"from": "09:00", "to": "20:00", "days": "mon-sat"}');
    try {
      window = parseWindow(value.window);
    } catch (err) {
      const [field, ...rest] = (err as Error).message.split(' ');
      throw new CampaignProblem(`"${field}" ${rest.join(' ')}`);
    }
  }
  const defaultCountry = str('defaultCountry', value.defaultCountry, true)?.toUpperCase();
  if (defaultCountry !== undefined && !/^[A-Z]{2}$/.test(defaultCountry)) throw new CampaignProblem('"defaultCountry" must be a two-letter region such as DE');
  return {
    name,
    recipients,
    phoneColumn: str('phoneColumn', value.phoneColumn, true),
    countryColumn: str('countryColumn', value.countryColumn, true),
    defaultCountry,
    template,
    parameters: { header: list('parameters.header', p.header), body: list('parameters.body', p.body), buttons },
    senders: senders as string[],
    intervalMs,
    dailyLimit,
    window,
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
