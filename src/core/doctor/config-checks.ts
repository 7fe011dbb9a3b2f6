/** Checks of the configuration itself: no network needed. */
import { API_VERSIONS, LATEST_KNOWN } from './api-versions.js';
import { maskSecret } from '../mask-secret.js';
import { plural } from '../plural.js';
import { shellQuote } from '../shell-quote.js';
import { fail, pass, warn, type CheckResult } from './types.js';

/** The configuration as doctor judges it: ids, token and its source, API version, the config file's mode. */
export interface ConfigFacts {
  token?: string;
  tokenSource?: string;
  phoneNumberId?: string;
  wabaId?: string;
  apiVersion: string;
  configFile?: { path: string; mode: number; hasSecrets: boolean };
  /** Today, ISO date (injected so that checks stay pure). */
  today: string;
}

const DAY = 86_400_000;

/** config.token, config.phone-number-id, config.waba-id, config.api-version. */
export function configChecks(f: ConfigFacts): CheckResult[] {
  const out: CheckResult[] = [];
  if (!f.token) out.push(fail('config.token', 'Access token', 'WA_OPS_TOKEN is not set', 'create a system-user token in Business Settings > Users > System users, then put WA_OPS_TOKEN=... in .env (wa-ops init does it)'));
  else if (f.tokenSource === 'config') out.push(warn('config.token', 'Access token', `set in the config file ${f.configFile?.path ?? ''} (${maskSecret(f.token)})`, 'move the token to .env or the environment: config files get committed'));
  else out.push(pass('config.token', 'Access token', `set from ${f.tokenSource} (${maskSecret(f.token)})`));
  if (f.configFile?.hasSecrets && (f.configFile.mode & 0o077) !== 0) {
    out.push(warn('config.file-permissions', 'Config file permissions', `${f.configFile.path} holds a secret and is readable by others (mode ${(f.configFile.mode & 0o777).toString(8)})`, `chmod 600 ${shellQuote(f.configFile.path)}, or move the secret to .env`));
  }
  out.push(
    f.phoneNumberId
      ? pass('config.phone-number-id', 'Phone number id', f.phoneNumberId)
      : fail('config.phone-number-id', 'Phone number id', 'WA_OPS_PHONE_NUMBER_ID is not set', 'copy it from WhatsApp Manager > Phone numbers, or the App Dashboard > WhatsApp > API Setup'),
  );
  out.push(
    f.wabaId
      ? pass('config.waba-id', 'WhatsApp Business Account id', f.wabaId)
      : fail('config.waba-id', 'WhatsApp Business Account id', 'WA_OPS_WABA_ID is not set', 'copy it from WhatsApp Manager > Account tools, or the App Dashboard > WhatsApp > API Setup'),
  );
  out.push(apiVersionCheck(f.apiVersion, f.today));
  return out;
}

function apiVersionCheck(version: string, today: string): CheckResult {
  const id = 'config.api-version';
  const title = 'Graph API version';
  const known = API_VERSIONS.find((v) => v.version === version);
  if (!known) {
    return warn(id, title, `${version} is not in wa-ops' version table (latest known ${LATEST_KNOWN})`, 'check Meta\'s changelog (developers.facebook.com/docs/graph-api/changelog/versions)');
  }
  if (!known.sunset) return pass(id, title, `${version} (no end date announced)`);
  const left = (Date.parse(known.sunset) - Date.parse(today)) / DAY;
  if (left < 0) return fail(id, title, `${version} stopped working on ${known.sunset}`, `set WA_OPS_API_VERSION to ${LATEST_KNOWN} (or at least a supported version) and test`);
  if (left < 90) return warn(id, title, `${version} stops working on ${known.sunset} (in ${plural(Math.ceil(left), 'day')})`, `move to ${LATEST_KNOWN} before then`);
  return pass(id, title, `${version}, supported until ${known.sunset}`);
}
