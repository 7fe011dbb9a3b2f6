import type { RawFinding, Rule } from '../types.js';
import { findUrls, isShortener } from './urls.js';

/** Link shorteners hide the destination: a common cause of rejection and of user blocks, in text and buttons alike. */
export const urlShortener: Rule = {
  id: 'url-shortener',
  severity: 'error',
  description: 'link shorteners (bit.ly, tinyurl ...) anywhere, buttons included',
  check({ parts }) {
    const out: RawFinding[] = [];
    for (const p of parts) {
      for (const u of findUrls(p.text)) {
        if (!isShortener(u.host)) continue;
        out.push({
          component: p.component,
          offset: u.offset,
          length: u.url.length,
          message: `"${u.url}" uses the link shortener ${u.host}; shortened links hide the destination and get templates rejected`,
          suggestion: 'use the full link on your own domain, ideally in a URL button',
          msg: ['url-shortener', { url: u.url, host: u.host }],
        });
      }
    }
    return out;
  },
};
