/** Graph API versions as graph.facebook.com serves them: known ones answer (an expired one as the oldest still available), others are unknown paths. */

/** When each recent version stops working (Meta's version table); older ones are long gone. */
const AVAILABLE_UNTIL: Record<number, string> = {
  19: '2026-05-21',
  20: '2026-09-24',
  21: '2027-01-21',
  22: '2027-05-20',
  23: '2027-10-08',
  24: '2028-02-18',
  25: '2028-07-29',
  26: '9999-12-31',
};
const NEWEST = 26;

/** Does this version exist at all (v2.0-v2.12, v3.0-v3.3, v4.0 to the newest)? */
export function isKnownVersion(version: string): boolean {
  const m = /^v(\d+)\.(\d+)$/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major === 2) return minor <= 12;
  if (major === 3) return minor <= 3;
  return major >= 4 && major <= NEWEST && minor === 0;
}

/** The version that answers a call to `version` at `now`: itself while available, else the oldest one still available (Meta upgrades expired calls). */
export function servingVersion(version: string, now: number): string {
  const major = Number(/^v(\d+)/.exec(version)?.[1]);
  const until = AVAILABLE_UNTIL[major];
  if (until !== undefined && Date.parse(until) > now) return version;
  for (let v = 19; v <= NEWEST; v++) {
    if (v >= major && Date.parse(AVAILABLE_UNTIL[v]) > now) return `v${v}.0`;
  }
  return `v${NEWEST}.0`;
}
