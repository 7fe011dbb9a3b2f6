/** The campaign file (CONTRACT §7): parsed and checked, with errors that name the field. */
import { parseDuration, parseRate } from './duration.js';
import { parseWindow, type SendWindow } from './window.js';
import { CampaignProblem } from './campaign-problem.js';
import { checkKeys } from './campaign-keys.js';
import { isObject } from '../is-object.js';
import { isKnownRegion, isoCodeFor } from '../numbers/region-code.js';

export { CampaignProblem } from './campaign-problem.js';
export { CAMPAIGN_KEYS, closest } from './campaign-keys.js';

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

/** Validate a parsed campaign JSON value. Throws CampaignProblem naming the field. */
export function parseCampaign(value: unknown): Campaign {
  if (!isObject(value)) throw new CampaignProblem('a campaign file holds one JSON object');
  checkKeys(value);
  const name = str('name', value.name);
  const recipients = str('recipients', value.recipients);
  if (!isObject(value.template)) throw new CampaignProblem('"template" must be an object: {"name": "...", "language": "..."}');
  const template = { name: str('template.name', value.template.name), language: str('template.language', value.template.language) };
  const p = value.parameters === undefined ? {} : value.parameters;
  if (!isObject(p)) throw new CampaignProblem('"parameters" must be an object with "header", "body" and/or "buttons"');
  const buttons = buttonParams(p.buttons);
  const senders = value.senders === undefined ? [] : value.senders;
  if (!Array.isArray(senders) || !senders.every((s): s is string => typeof s === 'string' && /^\d+$/.test(s))) {
    throw new CampaignProblem('"senders" must be an array of phone number ids (digits)');
  }
  const intervalMs = paceOf(value.pace);
  const dailyLimit = dailyLimitOf(value.dailyLimit);
  const window = windowOf(value.window);
  const defaultCountry = optionalStr('defaultCountry', value.defaultCountry)?.toUpperCase();
  // The same regions validate-numbers --country takes: "UK" or "XX" would leave every row without a country skipped.
  if (defaultCountry !== undefined && !isKnownRegion(defaultCountry)) {
    const iso = isoCodeFor(defaultCountry);
    throw new CampaignProblem(`"defaultCountry" must be a two-letter region such as DE, got "${defaultCountry}"${iso ? ` (its ISO 3166 code is ${iso})` : ''}`);
  }
  return {
    name,
    recipients,
    phoneColumn: optionalStr('phoneColumn', value.phoneColumn),
    countryColumn: optionalStr('countryColumn', value.countryColumn),
    defaultCountry,
    template,
    parameters: { header: paramList('parameters.header', p.header), body: paramList('parameters.body', p.body), buttons },
    senders,
    intervalMs,
    dailyLimit,
    window,
  };
}

// Control characters, escape sequences and bidi overrides: a campaign file is data (often someone else's), and its
// name and paths are printed by send, status, campaigns and doctor; none of them has a reason to hold one.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function str(key: string, v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') throw new CampaignProblem(`"${key}" must be a non-empty string`);
  if (CONTROL.test(v)) throw new CampaignProblem(`"${key}" holds a control character (an escape sequence or a line break); remove it`);
  return v;
}

function optionalStr(key: string, v: unknown): string | undefined {
  return v === undefined ? undefined : str(key, v);
}

/** A list of parameter sources: column names, {"text"}, {"column"}, or (in the header only) a media file or URL. */
function paramList(key: string, v: unknown): ParamSource[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new CampaignProblem(`"${key}" must be an array of column names or {"text": "..."}`);
  return v.map((item, i) => {
    if (typeof item === 'string' && item !== '') return { column: item };
    if (isObject(item) && typeof item.text === 'string') return { text: item.text };
    if (isObject(item) && typeof item.column === 'string') return { column: item.column };
    for (const kind of ['image', 'video', 'document'] as const) {
      const source = isObject(item) ? item[kind] : undefined;
      if (isObject(item) && typeof source === 'string') {
        if (key !== 'parameters.header') throw new CampaignProblem(`"${key}[${i}]": media only go in parameters.header`);
        return { media: kind, source, filename: typeof item.filename === 'string' ? item.filename : undefined };
      }
    }
    throw new CampaignProblem(`"${key}[${i}]" must be a column name, {"text": "..."}, or in the header {"image"|"video"|"document": "<file or https URL>"}`);
  });
}

/** Button parameters by button index: an array (null skips a button) or an object keyed by index. */
function buttonParams(v: unknown): Map<number, ParamSource[]> {
  const buttons = new Map<number, ParamSource[]>();
  if (Array.isArray(v)) v.forEach((b, i) => b !== null && buttons.set(i, paramList(`parameters.buttons[${i}]`, Array.isArray(b) ? b : [b])));
  else if (isObject(v)) for (const [k, b] of Object.entries(v)) buttons.set(Number(k), paramList(`parameters.buttons.${k}`, Array.isArray(b) ? b : [b]));
  else if (v !== undefined) throw new CampaignProblem('"parameters.buttons" must be an array (one entry per button) or an object keyed by button index');
  return buttons;
}

/** "pace": {"interval": "6s"} or {"rate": "10/min"}, as milliseconds between messages per sender. */
function paceOf(pace: unknown): number | undefined {
  if (pace === undefined) return undefined;
  if (!isObject(pace)) throw new CampaignProblem('"pace" must be {"interval": "6s"} or {"rate": "10/min"}');
  let intervalMs: number | undefined;
  if (typeof pace.interval === 'string') intervalMs = parseDuration(pace.interval);
  else if (typeof pace.rate === 'string') intervalMs = parseRate(pace.rate);
  if (intervalMs === undefined || intervalMs <= 0) throw new CampaignProblem('"pace" must be {"interval": "6s"} or {"rate": "10/min"} (durations: 250ms, 6s, 5m, 1h)');
  return intervalMs;
}

function dailyLimitOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new CampaignProblem('"dailyLimit" must be a positive integer');
  return v;
}

/** "window": the send window; parseWindow's message starts with the field it names. */
function windowOf(v: unknown): SendWindow | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new CampaignProblem('"window" must be {"from": "09:00", "to": "20:00", "days": "mon-sat"}');
  try {
    return parseWindow(v);
  } catch (err) {
    const [field, ...rest] = (err instanceof Error ? err.message : String(err)).split(' ');
    throw new CampaignProblem(`"${field}" ${rest.join(' ')}`);
  }
}
