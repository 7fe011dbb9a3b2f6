import { plural } from '../../plural.js';
import type { RawFinding, Rule } from '../types.js';

const LIMITS: [RegExp, number, string][] = [
  [/^body$/, 1024, 'body'],
  [/^header$/, 60, 'text header'],
  [/^footer$/, 60, 'footer'],
  [/^buttons\[\d+\]\.text$/, 25, 'button text'],
  [/^buttons\[\d+\]\.url$/, 2000, 'button URL'],
  [/^limited_time_offer\.text$/, 16, 'offer text'],
];
/** A carousel card's body is shorter (Meta: 160 characters); its buttons are a template's. */
const CARD_LIMITS: [RegExp, number, string][] = [[/^body$/, 160, 'card body']];

/** Meta's length limits (error 2388040): body 1024, header 60, footer 60, button text 25 characters. */
export const length: Rule = {
  id: 'length',
  severity: 'error',
  description: 'body 1024, header 60, footer 60, button text 25 characters',
  check({ parts, card }) {
    const out: RawFinding[] = [];
    for (const p of parts) {
      const limit = (card ? CARD_LIMITS : []).concat(LIMITS).find(([re]) => re.test(p.component));
      if (!limit) continue;
      const [, max, what] = limit;
      const chars = [...p.text];
      const count = p.fullLength ?? chars.length;
      if (count <= max) continue;
      const offset = chars.slice(0, max).join('').length;
      out.push({
        component: p.component,
        offset,
        length: p.text.length - offset,
        message: `the ${what} is ${count.toLocaleString('en-US')} characters, over Meta's limit of ${max.toLocaleString('en-US')}`,
        suggestion: `shorten it by ${plural(count - max, 'character')}`,
        msg: ['length', { what: p.component.replace(/\[\d+\]/, ''), chars: count, max, over: count - max }],
      });
    }
    if (parts.every((p) => p.component !== 'body' || p.text.trim() === '') && parts.some((p) => p.component === 'body')) {
      out.push({ component: 'body', offset: 0, length: 0, message: 'the body is empty', suggestion: 'write the message text', msg: ['length.empty'] });
    }
    return out;
  },
};
