/** One cause, one failure: API answers that failed only because the token was refused become skips naming the check that failed. */
import type { DebugTokenFacts } from './account-checks.js';
import type { Fact } from './types.js';

/** Graph error codes meaning the access token itself was refused (invalid, expired, session ended). */
const TOKEN_REFUSED = new Set([102, 190]);
/** Graph error codes meaning the token lacks a permission (#10, #200-#299). */
const lacksPermission = (code: number | undefined): boolean => code === 10 || (code !== undefined && code >= 200 && code <= 299);

/** The facts whose failures may repeat the token's. */
export interface DependentFacts {
  debugToken: Fact<DebugTokenFacts>;
  phone: Fact<unknown>;
  apps: Fact<unknown>;
  templates: Fact<unknown>;
}

const SCOPES = ['whatsapp_business_messaging', 'whatsapp_business_management'];

/**
 * When debug_token already showed the token refused (or missing a permission), the other requests' failures with the
 * same cause are marked skipped with that reason, so that doctor reports the cause once, on token.valid (token.scopes),
 * instead of failing every phone, WABA and template check with the same error.
 */
export function skipTokenDependents<F extends DependentFacts>(facts: F, wabaId?: string): F {
  const t = facts.debugToken;
  const refused = t.ok ? !t.value.is_valid : TOKEN_REFUSED.has(t.code ?? -1);
  const missingScope = t.ok && t.value.is_valid && SCOPES.some((s) => !(t.value.scopes ?? []).includes(s));
  // The WABA missing from the scopes' targets (token.waba-access fails): its requests are refused for that reason.
  const noWaba = t.ok && t.value.is_valid && wabaId !== undefined && (t.value.granular_scopes ?? []).some((g) => SCOPES.includes(g.scope) && g.target_ids !== undefined && !g.target_ids.includes(wabaId));
  const settle = <T>(f: Fact<T>): Fact<T> => {
    if (f.ok || f.skipped || f.offline) return f;
    if (refused && TOKEN_REFUSED.has(f.code ?? -1)) return { ...f, skipped: 'skipped: the access token was refused (see token.valid)' };
    if (missingScope && lacksPermission(f.code)) return { ...f, skipped: 'skipped: the token lacks a permission (see token.scopes)' };
    if (noWaba && (lacksPermission(f.code) || f.code === 100)) return { ...f, skipped: 'skipped: the token is not granted this WABA (see token.waba-access)' };
    return f;
  };
  // The phone number is not the WABA: its refusal stays a finding of its own unless the token is refused outright.
  const settlePhone = <T>(f: Fact<T>): Fact<T> => (noWaba && !refused && !missingScope ? f : settle(f));
  return { ...facts, phone: settlePhone(facts.phone), apps: settle(facts.apps), templates: settle(facts.templates) };
}
