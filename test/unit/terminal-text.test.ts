// Server and webhook text must not drive the terminal: escapes go, line breaks and tabs stay.
import { describe, expect, it } from 'vitest';
import { stripForeignSequences, stripTerminalControls } from '../../src/core/terminal-text.js';

const HOSTILE = 'a\x1b]0;pwned\x07b\x1b[2Jc\x1b[31mRED\x9b1md\x1b]52;c;QUFB\x1b\\e\x1bPdcs\x1b\\f\u202eg\x08h\ri\x00j';

describe('stripTerminalControls (text from outside)', () => {
  it('removes every escape sequence and control character but line breaks and tabs', () => {
    expect(stripTerminalControls(HOSTILE)).toBe('abcREDdefghij');
    expect(stripTerminalControls('line 1\nline\t2')).toBe('line 1\nline\t2');
    expect(stripTerminalControls('Grüße 👋 {{1}}')).toBe('Grüße 👋 {{1}}');
  });
});

describe('stripForeignSequences (the last layer on a terminal)', () => {
  it('drops title, clipboard and DCS strings and BEL, keeps colours and cursor moves', () => {
    expect(stripForeignSequences('x\x1b]0;pwned\x07y\x1b]52;c;QUFB\x1b\\z\x1bPq\x1b\\!\x07')).toBe('xyz!');
    const ours = '\x1b[31mred\x1b[39m \x1b[2K\x1b[1G\x1b[?25l';
    expect(stripForeignSequences(ours)).toBe(ours);
  });
});
