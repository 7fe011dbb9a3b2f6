import type { Rule } from '../types.js';
import { findUrls, isShortener } from './urls.js';

/** Links in header, body or footer text: Meta prefers a URL button, and reviewers check every link. */
export const externalLink: Rule = {
  id: 'external-link',
  severity: 'warning',
  description: 'URLs or bare domains in header, body or footer text',
  check({ parts }) {
    return parts
      .filter((p) => p.component === 'header' || p.component === 'body' || p.component === 'footer')
      .flatMap((p) =>
        findUrls(p.text)
          .filter((u) => !isShortener(u.host))
          .map((u) => ({
            component: p.component,
            offset: u.offset,
            length: u.url.length,
            message: `link "${u.url}" in the ${p.component} text; links in text are reviewed strictly, cannot be tracked per button, and raise the spam signal`,
            suggestion: 'move the link to a URL button (a dynamic suffix {{1}} can carry the per-customer part)',
            msg: ['external-link', { url: u.url, component: p.component }],
          })),
      );
  },
};
