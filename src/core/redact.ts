/**
 * Redaction: every line wa-ops prints or writes passes through here, so a secret that a server,
 * a proxy page or a file echoes back is replaced wherever it appears (like gh and the Stripe CLI).
 */

/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/** Published defaults (the sandbox's token and app secret): printed for users to copy, so never treated as secrets. */
const PUBLIC_VALUES = new Set(['sandbox-token', 'sandbox-app-secret']);

/** Secrets shorter than this cannot be told from ordinary text; they are not searched for. */
const MIN_LENGTH = 4;

// Secrets nobody registered still have recognisable shapes: a bearer credential, a password in a URL,
// an access_token / app secret query parameter, a Basic authorization header.
const SHAPES: [RegExp, string][] = [
  [/\b(Bearer\s+)[A-Za-z0-9._~+/|%-]{8,}=*/gi, `$1${REDACTED}`],
  [/\b(Basic\s+)[A-Za-z0-9+/]{8,}=*/g, `$1${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s@/"'<>]+@/gi, `$1${REDACTED}@`],
  [/\b((?:access_token|input_token|appsecret_proof|client_secret|hub\.verify_token|password)=)[^\s&"'<>]+/gi, `$1${REDACTED}`],
];

/** Something one of the SHAPES could match starts with one of these. */
const SHAPE_TRIGGER = /bearer|basic|:\/\/|_token=|secret=|_proof=|password=/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Every spelling of a secret that can reach an output: raw, URL-encoded, form-encoded, JSON- and HTML-escaped. */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const uri = encodeURIComponent(secret);
  forms.add(uri);
  forms.add(uri.replace(/%20/g, '+'));
  forms.add(uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(htmlEscape(secret));
  for (const b of base64Forms(secret)) forms.add(b);
  return [...forms].filter((f) => f.length >= MIN_LENGTH);
}

/**
 * A secret inside base64 (a server that echoes an Authorization header encoded): at each of the three
 * alignments, the characters that depend on the secret's bytes alone (standard and URL-safe alphabets).
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  if (bytes.length < 12) return []; // too short to leave a distinctive middle
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const middle = encoded.slice(k === 0 ? 0 : 4, 4 * Math.floor((k + bytes.length) / 3));
    if (middle.length >= 12) out.push(middle, middle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/** A pure redactor for a set of secrets (plus the recognisable shapes above). */
export function makeRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) if (s && s.length >= MIN_LENGTH && !PUBLIC_VALUES.has(s)) for (const f of secretForms(s)) forms.add(f);
  // Longest first, so that "appId|appSecret" wins over its parts.
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  const pattern = sorted.map(escapeRegExp).join('|');
  const literal = sorted.length ? new RegExp(pattern, 'g') : undefined;
  const found = sorted.length ? new RegExp(pattern) : undefined;
  // Cheap scans first (indexOf and one trigger test): most text holds no secret, and reports can be large.
  return (text: string) => {
    let out = literal && found!.test(text) ? text.replace(literal, REDACTED) : text;
    if (SHAPE_TRIGGER.test(out)) for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

/** The password of a store URL such as postgres://user:pass@host/db (raw and decoded), and ?password= / ?sslpassword= values. */
export function urlPasswords(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    const out: string[] = [];
    if (u.password) out.push(u.password, decodeURIComponent(u.password));
    // libpq also takes the password (or a key's passphrase) as a parameter: ?password=...&sslpassword=...
    for (const [key, value] of u.searchParams) if (/pass|secret/i.test(key) && value) out.push(value);
    return [...new Set(out)];
  } catch {
    // Not a URL: look for user:pass@ by hand so that a malformed URL is protected too.
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]+)@/i.exec(url);
    return m ? [m[1]] : [];
  }
}

// The process-wide set, registered once at startup (cli.ts) from the loaded config, extended when a
// secret becomes known later (a token typed at init's prompt). State only: no I/O here.
let registered: string[] = [];
let active: (text: string) => string = makeRedactor([]);

/** Add secrets to the process-wide redactor used by every output channel and file writer. */
export function registerSecrets(secrets: readonly (string | undefined)[]): void {
  const fresh = secrets.filter((s): s is string => Boolean(s) && !registered.includes(s!));
  if (fresh.length === 0) return;
  registered = [...registered, ...fresh];
  active = makeRedactor(registered);
}

/** Redact a text with everything registered so far. */
export function redact(text: string): string {
  return active(text);
}
