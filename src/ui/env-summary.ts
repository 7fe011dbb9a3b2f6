/** What init did to .env, for people (one line) and for --json (the keys by fate). */
import type { EnvMerge } from '../core/dotenv-merge.js';

/** Which of its keys init changed in .env, and what it left alone. */
export function envKeys(m: EnvMerge) {
  return { replaced: m.replaced, added: m.added, unchanged: m.unchanged, kept: m.kept };
}

/** "added WA_OPS_VERIFY_TOKEN; replaced WA_OPS_TOKEN; kept its 2 other keys (DATABASE_URL, STRIPE_KEY)". */
export function envSummary(m: EnvMerge): string {
  const parts = [
    m.added.length && `added ${m.added.join(', ')}`,
    m.replaced.length && `replaced ${m.replaced.join(', ')}`,
    m.unchanged.length && `${m.unchanged.join(', ')} unchanged`,
    m.kept.length && `kept ${m.kept.length === 1 ? 'its other key' : `its ${m.kept.length} other keys`} (${m.kept.join(', ')})`,
  ].filter(Boolean);
  return parts.join('; ');
}
