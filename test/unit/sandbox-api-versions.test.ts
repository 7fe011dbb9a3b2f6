// Which Graph versions exist and which one answers a call, at a given time (no clock read).
import { describe, expect, it } from 'vitest';
import { isKnownVersion, servingVersion } from '../../src/sandbox/api-versions.js';

describe('Graph API versions', () => {
  it('knows v2.0-v2.12, v3.0-v3.3 and v4.0 to v26.0, nothing else', () => {
    for (const v of ['v2.0', 'v2.12', 'v3.3', 'v4.0', 'v19.0', 'v23.0', 'v26.0']) expect(isKnownVersion(v), v).toBe(true);
    for (const v of ['v2.13', 'v3.4', 'v23.1', 'v27.0', 'v99.0', '23.0', 'v23']) expect(isKnownVersion(v), v).toBe(false);
  });

  it('serves an expired version as the oldest still available, as Meta upgrades such calls', () => {
    const dec2026 = Date.parse('2026-12-02T00:00:00Z');
    expect(servingVersion('v23.0', dec2026)).toBe('v23.0');
    expect(servingVersion('v19.0', dec2026)).toBe('v21.0');
    expect(servingVersion('v20.0', dec2026)).toBe('v21.0');
    expect(servingVersion('v2.8', dec2026)).toBe('v21.0');
    expect(servingVersion('v20.0', Date.parse('2026-06-01T00:00:00Z'))).toBe('v20.0');
    expect(servingVersion('v21.0', Date.parse('2027-02-01T00:00:00Z'))).toBe('v22.0');
  });
});
