import type { RawFinding, Rule } from '../types.js';

const MAX: Record<string, number> = { URL: 2, PHONE_NUMBER: 1, COPY_CODE: 1 };
/** Button types whose label Meta writes, so a file has none. */
const NO_TEXT = new Set(['OTP', 'COPY_CODE']);

/** At most 10 buttons; at most 2 URL, 1 phone number, 1 copy-code; quick replies grouped together. */
export const buttons: Rule = {
  id: 'buttons',
  severity: 'error',
  description: 'button counts by type and quick replies grouped together',
  check({ template }) {
    const out: RawFinding[] = [];
    const list = template.components.filter((c) => c.type.toUpperCase() === 'BUTTONS').flatMap((c) => c.buttons ?? []);
    // Where each button's type sits in the file: a button without text is placed there.
    const types = template.components.flatMap((c, j) => (c.type.toUpperCase() === 'BUTTONS' ? (c.buttons ?? []).map((b, k) => ({ path: `.components[${j}].buttons[${k}].type`, text: b.type })) : []));
    const at = (i: number, message: string, suggestion: string, msg: RawFinding['msg']) =>
      out.push({ component: `buttons[${i}].text`, offset: 0, length: (list[i]?.text ?? '').length, anchor: list[i]?.text ? undefined : types[i], message, suggestion, msg });
    if (list.length > 10) at(10, `${list.length} buttons: at most 10 are allowed`, 'remove buttons, or move options into a list message', ['buttons.too-many', { count: list.length }]);
    const counts: Record<string, number> = {};
    list.forEach((b, i) => {
      const type = (b.type ?? '').toUpperCase();
      counts[type] = (counts[type] ?? 0) + 1;
      if (MAX[type] !== undefined && counts[type] === MAX[type] + 1) {
        at(i, `more than ${MAX[type]} ${type} button${MAX[type] > 1 ? 's' : ''}`, `keep at most ${MAX[type]}`, ['buttons.type-max', { max: MAX[type], type }]);
      }
      // Meta labels copy-code buttons itself ("Copy offer code"): their create shape has no text.
      if (!b.text && !NO_TEXT.has(type)) at(i, `button ${i + 1} has no text`, 'give every button a label', ['buttons.no-text', { n: i + 1 }]);
    });
    const quick = list.map((b) => (b.type ?? '').toUpperCase() === 'QUICK_REPLY');
    const firstQ = quick.indexOf(true);
    const lastQ = quick.lastIndexOf(true);
    if (firstQ >= 0) {
      const gap = quick.slice(firstQ, lastQ + 1).indexOf(false);
      if (gap >= 0) {
        at(firstQ + gap, 'quick-reply buttons must be grouped together, not mixed with URL, phone or copy-code buttons', 'put all quick replies first (or last), then the other buttons', ['buttons.quick-replies']);
      }
    }
    return out;
  },
};
