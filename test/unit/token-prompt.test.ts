// init's token loop: a refused token is asked for again with a new prompt, up to TOKEN_ATTEMPTS times.
import { describe, expect, it } from 'vitest';
import { askToken, TOKEN_ATTEMPTS } from '../../src/commands/init/token-prompt.js';
import type { TokenVerdict } from '../../src/io/token-check.js';

function io(answers: string[], verdicts: Record<string, TokenVerdict>) {
  const said: string[] = [];
  let prompts = 0;
  return {
    said,
    prompts: () => prompts,
    io: {
      prompt: async () => answers[prompts++],
      check: async (t: string) => verdicts[t] ?? { ok: false as const, unreachable: false, reason: `the API refused this token: ${t}` },
      say: (l: string) => void said.push(l),
    },
  };
}

describe('askToken', () => {
  it('asks again with a fresh prompt after a refusal, checking exactly what was pasted the second time', async () => {
    const t = io(['wrong-token', ' sandbox-token '], { 'sandbox-token': { ok: true } });
    expect(await askToken(t.io)).toEqual({ token: 'sandbox-token' });
    expect(t.prompts()).toBe(2);
    expect(t.said.join('\n')).toMatch(/refused this token: wrong-token\n.*attempt 2 of 3/);
  });

  it('gives up after the last attempt with exit 3', async () => {
    const t = io(['a', 'b', 'c', 'd'], {});
    await expect(askToken(t.io)).rejects.toMatchObject({ exitCode: 3, code: 'token-refused', message: expect.stringMatching(/3 tokens refused, nothing was written/) });
    expect(t.prompts()).toBe(TOKEN_ATTEMPTS);
  });

  it('an unreachable API takes the token unverified, without asking again', async () => {
    const t = io(['tok'], { tok: { ok: false, unreachable: true, reason: 'cannot connect' } });
    expect(await askToken(t.io)).toEqual({ token: 'tok', unverified: 'cannot connect' });
  });
});
