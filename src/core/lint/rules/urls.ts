/** URL and bare-domain detection shared by external-link and url-shortener. */

const TLDS =
  'com|net|org|info|biz|io|co|app|dev|shop|store|online|site|xyz|me|ly|gl|gd|at|be|br|ca|ch|cn|cz|de|dk|es|eu|fi|fr|gr|hk|hu|id|ie|il|in|it|jp|kr|mx|my|nl|no|nz|ph|pk|pl|pt|ro|ru|sa|se|sg|th|tr|tw|ua|uk|us|vn|za|ae|ar|cl|pe|link|club|live|news|page|tv|cc|ee|is|im|to|ws|la|su';
const URL_RE = new RegExp(
  `\\bhttps?://[^\\s<>"'）)]+|\\bwww\\.[^\\s<>"'）)]+|(?<![@\\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})\\b(?![@\\w-])(?:/[^\\s<>"'）)]*)?`,
  'giu',
);

/** A URL found in a text, with where it stands. */
export interface UrlMatch {
  url: string;
  host: string;
  offset: number;
}

/** URLs and bare domains in a text (e-mail addresses are not links). */
export function findUrls(text: string): UrlMatch[] {
  const out: UrlMatch[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    const host = url.replace(/^https?:\/\//i, '').split(/[/?#]/)[0].toLowerCase();
    out.push({ url, host, offset: m.index! });
  }
  return out;
}

/** Link-shortener hosts that get templates rejected (Meta wants the real domain). */
export const SHORTENERS = [
  'bit.ly', 'bitly.com', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc', 'rb.gy',
  'bl.ink', 't.ly', 's.id', 'lnkd.in', 'short.io', 'v.gd', 'shorte.st', 'adf.ly', 'trib.al', 'dlvr.it', 'tiny.one', 'shorturl.com', 'wa.link',
  'clck.ru', 'u.to', 'qr.net', 'x.co', 'soo.gd', 'tr.im', 'kutt.it', 'bit.do', 'linktr.ee', 'urlz.fr', 'rotf.lol', 'shrtco.de', 'dub.sh',
];

/** Is this host a link shortener (or a subdomain of one)? */
export function isShortener(host: string, extra: readonly string[] = []): boolean {
  const h = host.replace(/^www\./, '');
  return [...SHORTENERS, ...extra].some((s) => h === s || h.endsWith(`.${s}`));
}
