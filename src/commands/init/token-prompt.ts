/**
 * init's token question: asked, then checked with the API after the prompt returns. A refused token is asked for
 * again with a fresh, empty field (a prompt's own validation would keep the refused text in the masked field,
 * so a pasted token would land after it and be refused again), up to a few times.
 */
import { UpstreamError } from '../../core/errors.js';
import type { TokenVerdict } from '../../io/token-check.js';

/** Attempts before init gives up (exit 3, nothing written). */
export const TOKEN_ATTEMPTS = 3;

/** The parts the loop needs, injected: the masked prompt, the API check and a line for the user. */
export interface TokenPromptIo {
  /** Ask once with a new prompt (Ctrl-C rejects with InterruptedError, which passes through). */
  prompt: () => Promise<string>;
  check: (token: string) => Promise<TokenVerdict>;
  say: (line: string) => void;
}

/**
 * The accepted token, and why it could not be checked when the API was unreachable (written unverified, doctor checks it later).
 * A token already in WA_OPS_TOKEN (`given`) is checked first: refused, it is not written, and one is asked for instead.
 */
export async function askToken(io: TokenPromptIo, attempts = TOKEN_ATTEMPTS, given?: string): Promise<{ token: string; unverified?: string }> {
  if (given !== undefined) {
    io.say('checking WA_OPS_TOKEN with the API ...');
    const verdict = await io.check(given);
    if (verdict.ok) return { token: given };
    if (verdict.unreachable) return { token: given, unverified: verdict.reason };
    io.say(`✖ WA_OPS_TOKEN: ${verdict.reason}`);
    io.say('paste a token that works instead (Ctrl-C stops, nothing is written)');
  }
  for (let attempt = 1; ; attempt++) {
    const token = (await io.prompt()).trim();
    io.say('checking the token with the API ...');
    const verdict = await io.check(token);
    if (verdict.ok) return { token };
    if (verdict.unreachable) return { token, unverified: verdict.reason };
    if (attempt >= attempts) {
      throw new UpstreamError(`${verdict.reason}; ${attempts} tokens refused, nothing was written`, {
        code: 'token-refused',
        hint: 'create a system-user token with whatsapp_business_messaging for this phone number in Business Settings, then run wa-ops init again',
      });
    }
    io.say(`✖ ${verdict.reason}`);
    io.say(`paste the token again (attempt ${attempt + 1} of ${attempts}; Ctrl-C stops, nothing is written)`);
  }
}
