// init on a terminal with WA_OPS_TOKEN already set: the token is checked like a typed one, never written unchecked.
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

describe('askToken with a token from WA_OPS_TOKEN', () => {
  it('an accepted one is taken without a prompt', async () => {
    const t = io([], { 'env-token': { ok: true } });
    expect(await askToken(t.io, TOKEN_ATTEMPTS, 'env-token')).toEqual({ token: 'env-token' });
    expect(t.prompts()).toBe(0);
  });

  it('a refused one is said to be refused and one is asked for instead, with every attempt left', async () => {
    const t = io(['still-wrong', 'sandbox-token'], { 'sandbox-token': { ok: true } });
    expect(await askToken(t.io, TOKEN_ATTEMPTS, 'expired-env-token')).toEqual({ token: 'sandbox-token' });
    expect(t.prompts()).toBe(2);
    expect(t.said.join('\n')).toMatch(/✖ WA_OPS_TOKEN: the API refused this token: expired-env-token\npaste a token that works instead/);
  });

  it('an unreachable API takes it unverified', async () => {
    const t = io([], { env: { ok: false, unreachable: true, reason: 'cannot connect' } });
    expect(await askToken(t.io, TOKEN_ATTEMPTS, 'env')).toEqual({ token: 'env', unverified: 'cannot connect' });
    expect(t.prompts()).toBe(0);
  });
});
