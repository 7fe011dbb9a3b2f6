/** The campaign file (CONTRACT §7): parsed and checked, with errors that name the field. */
import { parseDuration, parseRate } from './duration.js';
import { parseWindow, type SendWindow } from './window.js';

export type MediaKind = 'image' | 'video' | 'document';
export type ParamSource = { column: string } | { text: string } | { media: MediaKind; source: string; filename?: string };

export interface Campaign {
  name: string;
  recipients: string;
  phoneColumn?: string;
  defaultCountry?: string;
  template: { name: string; language: string };
  parameters: { header: ParamSource[]; body: ParamSource[]; buttons: Map<number, ParamSource[]> };
  senders: string[];
  /** Milliseconds between messages per sender, when the file sets a pace. */
  intervalMs?: number;
  dailyLimit?: number;
  /** Local-time send window of each recipient. */
  window?: SendWindow;
  /** Graph API base URLs in order of preference (failover). */
  graphUrls?: string[];
}

export class CampaignProblem extends Error {}

/** Validate a parsed campaign JSON value. Throws CampaignProblem naming the field. */
export function parseCampaign(value: unknown): Campaign {
  if (!isObj(value)) throw new CampaignProblem('a campaign file holds one JSON object');
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
  let graphUrls: string[] | undefined;
  if (value.graphUrls !== undefined) {
    if (!Array.isArray(value.graphUrls) || value.graphUrls.length === 0 || !value.graphUrls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u))) {
      throw new CampaignProblem('"graphUrls" must be a list of http(s) URLs, primary first');
    }
    graphUrls = value.graphUrls as string[];
  }
  const defaultCountry = str('defaultCountry', value.defaultCountry, true)?.toUpperCase();
  if (defaultCountry !== undefined && !/^[A-Z]{2}$/.test(defaultCountry)) throw new CampaignProblem('"defaultCountry" must be a two-letter region such as DE');
  return {
    name,
    recipients,
    phoneColumn: str('phoneColumn', value.phoneColumn, true),
    defaultCountry,
    template,
    parameters: { header: list('parameters.header', p.header), body: list('parameters.body', p.body), buttons },
    senders: senders as string[],
    intervalMs,
    dailyLimit,
    window,
    graphUrls,
  };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
