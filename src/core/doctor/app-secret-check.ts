/** token.app-secret: did debug_token accept the app token (app id|app secret)? A wrong secret is not a bad access token. */
import { fail, pass, skip, type CheckResult } from './types.js';

/** What gather learnt about the app token: not configured, accepted, refused while the access token itself is fine, or unknown. */
export type AppTokenFact =
  | { state: 'not-configured'; missing: string }
  | { state: 'accepted' }
  | { state: 'refused'; error: string }
  | { state: 'unknown'; why: string };

const ID = 'token.app-secret';
const TITLE = 'App id and secret';

/** The check from the fact. */
export function appSecretCheck(f: AppTokenFact, appId: string | undefined): CheckResult {
  switch (f.state) {
    case 'not-configured':
      return skip(ID, TITLE, `${f.missing} not set: not checked (debug_token inspects the access token with itself)`, 'set WA_OPS_APP_ID and WA_OPS_APP_SECRET to check them too (webhook signatures need the secret)');
    case 'accepted':
      return pass(ID, TITLE, `debug_token accepted the app token of app ${appId}`);
    case 'refused':
      return fail(
        ID,
        TITLE,
        `debug_token refused the app token (app id ${appId} with the configured app secret): ${f.error}; the access token itself was checked instead`,
        'the access token is fine: fix WA_OPS_APP_SECRET (Meta for Developers > your app > App settings > Basic > App secret) or WA_OPS_APP_ID; a wrong secret also breaks webhook signature checks',
      );
    case 'unknown':
      return skip(ID, TITLE, `skipped: ${f.why}`);
  }
}
