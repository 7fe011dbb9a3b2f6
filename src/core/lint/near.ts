/** The words next to a match, within its clause: what "close by" means for the rules that read context. */
import { sentenceAround } from './text.js';

// A {{variable}} counts as one word.
// Marks belong to their word: Devanagari vowel signs (छूट) are marks, not letters.
const WORD = /\{\{[^{}]*\}\}|[\p{L}\p{M}\p{N}]+/gu;

/** The text of the clause around a match (cut at sentence ends, commas and semicolons), at most n words either side. */
export function wordsAround(text: string, offset: number, length: number, n: number): string {
  const sentence = sentenceAround(text, offset, length);
  const before = text.slice(sentence.start, offset).split(/[,;，；،؛]/).pop() ?? '';
  const after = text.slice(offset + length, sentence.start + sentence.text.length).split(/[,;，；،؛]/)[0];
  const leftWords = [...before.matchAll(WORD)];
  const left = leftWords.length > n ? before.slice(leftWords[leftWords.length - n].index) : before;
  const rightWords = [...after.matchAll(WORD)];
  const right = rightWords.length > n ? after.slice(0, rightWords[n - 1].index! + rightWords[n - 1][0].length) : after;
  return `${left}${text.slice(offset, offset + length)}${right}`;
}
