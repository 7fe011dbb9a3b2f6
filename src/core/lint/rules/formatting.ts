import type { MessageId } from '../messages/types.js';
import type { RawFinding, Rule } from '../types.js';

const CHECKS: [RegExp, string, string, MessageId][] = [
  [/\n[ \t]*\n[ \t]*\n+/g, 'more than one blank line in a row', 'keep at most one blank line between paragraphs', 'formatting.blank-lines'],
  [/ {5,}/g, 'a run of 5 or more spaces', 'use a single space (values with 5+ spaces are refused at send time too)', 'formatting.spaces'],
  [/\t/g, 'a tab character', 'use spaces', 'formatting.tab'],
  [/([!?])\1{2,}|[!?]{4,}/g, 'excessive punctuation', 'use a single "!" or "?"', 'formatting.punctuation'],
  [/(?<![\p{L}\p{N}])(?:\p{Lu}{2,}[\p{Lu}\p{N}]*[\s,.!?:;-]+){2,}\p{Lu}{2,}[\p{Lu}\p{N}]*(?![\p{L}\p{N}])/gu, 'text in capitals reads as shouting', 'write in sentence case', 'formatting.capitals'],
  [/(?:\p{Extended_Pictographic}\uFE0F?\s*){4,}/gu, 'a run of 4 or more emoji', 'keep emoji few and meaningful', 'formatting.emoji-run'],
];

/** Layout that reviewers and users read as spam: blank-line runs, space runs, shouting, punctuation and emoji floods. */
export const formatting: Rule = {
  id: 'formatting',
  severity: 'warning',
  description: 'long runs of spaces or newlines, shouting, excessive punctuation or emoji',
  check({ parts }) {
    const out: RawFinding[] = [];
    for (const p of parts) {
      if (p.component.endsWith('.url')) continue;
      for (const [re, message, suggestion, id] of CHECKS) {
        for (const m of p.text.matchAll(re)) out.push({ component: p.component, offset: m.index!, length: m[0].length, message, suggestion, msg: [id] });
      }
      const emoji = p.text.match(/\p{Extended_Pictographic}/gu)?.length ?? 0;
      if (emoji > 10) out.push({ component: p.component, offset: 0, length: 0, message: `${emoji} emoji in the ${p.component}`, suggestion: 'keep emoji to a handful', msg: ['formatting.emoji-count', { count: emoji, component: p.component }] });
    }
    return out;
  },
};
