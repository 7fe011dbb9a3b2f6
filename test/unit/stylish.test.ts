import { describe, expect, it } from 'vitest';
import { fitToWidth } from '../../src/ui/lint/stylish.js';

describe('fitToWidth', () => {
  const f = (context: string, column: number, excerpt: string) => ({ context, contextColumn: column, excerpt });

  it('leaves a short line alone', () => {
    expect(fitToWidth(f('Hello {{1}}{{2}}, hi', 7, '{{1}}{{2}}'), 80)).toEqual({ text: 'Hello {{1}}{{2}}, hi', caretAt: 6, caretWidth: 10 });
  });

  it('cuts a long line around the finding, the caret under the excerpt', () => {
    const line = `${'a'.repeat(300)} 30 % ${'b'.repeat(300)}`;
    const { text, caretAt, caretWidth } = fitToWidth(f(line, 302, '30 %'), 60);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.startsWith('…') && text.endsWith('…')).toBe(true);
    expect(text.slice(caretAt, caretAt + caretWidth)).toBe('30 %');
  });

  it('marks text the engine already left out of a very long line, also when the window fits', () => {
    const ctx = { context: 'und Sie jetzt 30 % Rabatt auf alle', contextColumn: 15, excerpt: '30 %', contextCut: { before: true, after: true } };
    const { text, caretAt, caretWidth } = fitToWidth(ctx, 80);
    expect(text).toBe('…und Sie jetzt 30 % Rabatt auf alle…');
    expect(text.slice(caretAt, caretAt + caretWidth)).toBe('30 %');
  });

  it('counts wide characters as two columns when it cuts', () => {
    const line = `${'您'.repeat(100)}8折${'好'.repeat(100)}`;
    const { text, caretAt, caretWidth } = fitToWidth(f(line, 101, '8折'), 40);
    expect([...text].reduce((n, ch) => n + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0)).toBeLessThanOrEqual(40);
    expect(text.slice(caretAt, caretAt + caretWidth)).toBe('8折');
  });

  it('handles a finding at the very end of a long line', () => {
    const line = `${'a'.repeat(500)}!!!!`;
    const { text, caretAt, caretWidth } = fitToWidth(f(line, 501, '!!!!'), 40);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text.slice(caretAt, caretAt + caretWidth)).toBe('!!!!');
  });
});

describe('stylish carets under wide characters', () => {
  it('pads by display width so the caret lands under a Chinese discount', async () => {
    const { renderStylish } = await import('../../src/ui/lint/stylish.js');
    const { lintTemplate } = await import('../../src/core/lint/engine.js');
    const r = lintTemplate({ name: 'zh_sale', language: 'zh_CN', category: 'MARKETING', components: [{ type: 'BODY', text: '您好 {{1}}，今天全场 8折 优惠。' }] }, { file: '<text>', kind: 'text' });
    const lines = renderStylish([r], 1, 0, 100).split('\n');
    const at = lines.findIndex((l) => l.includes('百分比折扣'));
    const [context, carets] = [lines[at + 2], lines[at + 3]];
    const { columns } = await import('../../src/ui/lint/stylish.js');
    const caretCol = carets.indexOf('^');
    const idx = context.indexOf('8折');
    expect(caretCol).toBe(columns(context.slice(0, idx)));
    expect(carets.trim()).toBe('^^^');
  });
});
