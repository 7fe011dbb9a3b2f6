/** The keys a campaign file may hold: anything else is refused with the nearest known key (a typo must not silently change a send). */
import { isObject } from '../is-object.js';
import { nearestName } from '../nearest-name.js';
import { CampaignProblem } from './campaign-problem.js';

/** Every key a campaign file may hold; anything else is refused (a typo must not silently change a send). */
export const CAMPAIGN_KEYS = ['$schema', 'name', 'recipients', 'phoneColumn', 'countryColumn', 'defaultCountry', 'template', 'parameters', 'senders', 'pace', 'dailyLimit', 'window'];
const NESTED_KEYS: Record<string, string[]> = { template: ['name', 'language'], pace: ['interval', 'rate'], parameters: ['header', 'body', 'buttons'] };

/** Refuse unknown keys, with the closest known one as a suggestion; Graph URLs get their own answer. */
export function checkKeys(value: Record<string, unknown>): void {
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
    if (isObject(v)) unknown(Object.keys(v), known, `${key}.`);
  }
}

/** The known name nearest to a typo (case-insensitive edit distance, at most a third of its length). */
export function closest(word: string, known: string[]): string | undefined {
  const near = nearestName(word, known);
  return near && near.distance <= Math.max(2, Math.floor(near.name.length / 3)) ? near.name : undefined;
}
