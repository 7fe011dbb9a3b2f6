/** The checks a send makes before the ledger: how the list was read, the pace against throughput, the header media. */
import { dirname } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { plural } from '../../core/plural.js';
import type { Campaign, ParamSource } from '../../core/campaign/schema.js';
import type { AccountLimits } from './account.js';
import { checkMedia, type MediaCheck } from './media.js';
import type { RecipientList } from './recipients.js';

/** The plan's notices about how the list was read, so it can be compared with validate-numbers. */
export function listNotices(list: RecipientList, c: Campaign): string[] {
  const notices: string[] = [];
  // The list is read exactly as validate-numbers reads it; say how, so the two can be compared.
  const phone = list.chosen.areaCode === null ? `phone column "${list.chosen.phone}"` : `phone columns "${list.chosen.areaCode}" + "${list.chosen.phone}"`;
  notices.push(`list read with ${phone}${list.chosen.country ? `, country column "${list.chosen.country}"` : ''}${c.defaultCountry ? `, default region ${c.defaultCountry}` : ''}`);
  if (list.chosen.note) notices.push(list.chosen.note);
  const m = list.fieldCountMismatches;
  if (m.count > 0) notices.push(`${plural(m.count, 'row')} of the list ${m.count === 1 ? 'has' : 'have'} another number of fields than its header (line ${m.lines.join(', ')}${m.count > m.lines.length ? ', ...' : ''}): check the delimiter and the quoting`);
  if (list.assumedInternational > 0) notices.push(`${plural(list.assumedInternational, 'number')} written without "+" read as international (assumed-international, as validate-numbers does)`);
  if (list.leadingZeroRestored > 0) notices.push(`${plural(list.leadingZeroRestored, 'number')} written without the leading 0 read in the row's country with the 0 put back (leading-zero-restored, as validate-numbers does)`);
  const notMobile = notMobileNotice(list.notMobile);
  if (notMobile) notices.push(notMobile);
  return notices;
}

/** Recipients whose number cannot be a mobile are sent to (as validate-numbers keeps them valid) but WhatsApp seldom reaches them: say so before the run. */
function notMobileNotice(n: RecipientList['notMobile']): string | undefined {
  const kinds = Object.entries(n.types);
  const count = kinds.reduce((sum, [, k]) => sum + k, 0);
  if (count === 0) return undefined;
  const more = count > n.lines.length ? ', ...' : '';
  return `${plural(count, 'recipient')} cannot be a mobile (${kinds.map(([t, k]) => `${t} ${k}`).join(', ')}; line ${n.lines.join(', ')}${more}): WhatsApp seldom reaches ${count === 1 ? 'it' : 'them'}; remove such rows to skip them (validate-numbers --mobile-only marks them not-mobile)`;
}

/** Refuse a pace above 90 % of the number's throughput (unless allowed); a notice above 80 %. */
export function checkPace(account: AccountLimits | undefined, intervalMs: number, allowFullBudget: boolean, notices: string[]): void {
  const mps = account?.throughputLevel === 'HIGH' ? 1000 : 80;
  const share = 1000 / intervalMs / mps;
  if (share > 0.9 && !allowFullBudget) {
    throw new UsageError(`the pace (${(1000 / intervalMs).toFixed(1)}/s per sender) is ${Math.round(share * 100)} % of the number's throughput (${mps}/s)`, { code: 'pace-too-fast', hint: 'slow down with --interval/--rate, or pass --allow-full-budget' });
  }
  if (share > 0.8) notices.push(`the pace is ${Math.round(share * 100)} % of the number's ${mps}/s throughput: inbound messages count too`);
}

/** The campaign's header media, checked (type, size, reachability); a problem stops the send before anything goes out. */
export async function checkHeaderMedia(c: Campaign, campaignPath: string, notices: string[]): Promise<MediaCheck | undefined> {
  const mediaSource = c.parameters.header.find((x): x is Extract<ParamSource, { media: string }> => 'media' in x);
  const media = mediaSource ? await checkMedia(mediaSource.media, mediaSource.source, dirname(campaignPath)) : undefined;
  if (media) {
    for (const w of media.warnings) notices.push(`header ${media.kind}: ${w}`);
    if (media.problems.length) {
      throw new InputError(`header ${media.kind} "${media.source}": ${media.problems.join('; ')}`, { code: 'bad-media', hint: 'images: JPEG or PNG up to 5 MB; videos: MP4 or 3GPP up to 16 MB; documents up to 100 MB' });
    }
  }
  return media;
}
