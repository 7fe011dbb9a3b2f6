/** The texts of a template that rules read, each named by where it lives and where it sits in the file. */
import type { Template, TextPart } from './types.js';

/** Header, body, footer, button texts and URLs, and the limited-time offer's text, of a template (or a carousel card). */
export function textParts(t: Template, base = ''): TextPart[] {
  const parts: TextPart[] = [];
  t.components.forEach((c, j) => {
    const type = c.type.toUpperCase();
    const at = `${base}.components[${j}]`;
    if ((type === 'HEADER' && (c.format ?? 'TEXT').toUpperCase() === 'TEXT') || type === 'BODY' || type === 'FOOTER') {
      if (typeof c.text === 'string') parts.push({ component: type.toLowerCase(), text: c.text, path: `${at}.text` });
    }
    const offer = c.limited_time_offer;
    if (type === 'LIMITED_TIME_OFFER' && offer && typeof offer === 'object' && typeof (offer as { text?: unknown }).text === 'string') {
      parts.push({ component: 'limited_time_offer.text', text: (offer as { text: string }).text, path: `${at}.limited_time_offer.text` });
    }
    if (type === 'BUTTONS') {
      (c.buttons ?? []).forEach((b, i) => {
        if (typeof b.text === 'string') parts.push({ component: `buttons[${i}].text`, text: b.text, path: `${at}.buttons[${i}].text` });
        if (typeof b.url === 'string') parts.push({ component: `buttons[${i}].url`, text: b.url, path: `${at}.buttons[${i}].url` });
      });
    }
  });
  return parts;
}

/** A carousel card linted as a template of its own: its findings are named `cards[k].body`, `cards[k].buttons[0].url` .... */
export interface CardUnit {
  prefix: string;
  template: Template;
  /** The card's JSON path in the file. */
  base: string;
}

/** The cards of a template's CAROUSEL components, each with the template's name, language, category and parameter format. */
export function carouselCards(t: Template, base = ''): CardUnit[] {
  const out: CardUnit[] = [];
  t.components.forEach((c, j) => {
    if (c.type.toUpperCase() !== 'CAROUSEL' || !Array.isArray(c.cards)) return;
    c.cards.forEach((card, k) => {
      out.push({ prefix: `cards[${k}].`, template: { ...t, components: card.components }, base: `${base}.components[${j}].cards[${k}]` });
    });
  });
  return out;
}
