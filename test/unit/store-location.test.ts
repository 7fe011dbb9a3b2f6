import { parse } from 'pg-connection-string';
import { describe, expect, it } from 'vitest';
import { storeLocation } from '../../src/core/store/location.js';
import { poolConfigs } from '../../src/io/store/pg/tls.js';

describe('storeLocation: URL forms', () => {
  it("takes libpq's empty host after the user (postgres://user:pw@/db?host=/socket, as Cloud SQL writes it)", () => {
    const loc = storeLocation('postgres://wa:s3cr%40t@/campaigns?host=/cloudsql/p:r:i');
    expect(loc.kind).toBe('postgres');
    if (loc.kind !== 'postgres') return;
    expect(loc.redacted).not.toContain('s3cr');
    const cfg = parse(String(poolConfigs(loc.url)[0].connectionString));
    expect(cfg).toMatchObject({ host: '/cloudsql/p:r:i', user: 'wa', password: 's3cr@t', database: 'campaigns' });
    expect(storeLocation('postgresql://wa@/campaigns').kind).toBe('postgres');
  });

  it('an unparsable URL says how to write special characters of the password', () => {
    expect(() => storeLocation('postgres://wa:p/ss@db/x')).toThrow(expect.objectContaining({ exitCode: 2, hint: expect.stringContaining('%2F') }));
  });
});

describe('storeLocation: settings meant for PostgreSQL that are no postgres:// URL', () => {
  it("refuses libpq's keyword/value form and a URL without its \"//\", never echoing the password; a path keeps files", () => {
    for (const v of ['host=db.internal dbname=wa user=wa password=hunter2', 'dbname=wa', 'postgres:wa:hunter2@db/wa', 'PostgreSQL:/db/wa']) {
      let err: unknown;
      try {
        storeLocation(v);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ exitCode: 2, code: 'bad-store' });
      expect(JSON.stringify(err) + String((err as Error).message)).not.toContain('hunter2');
    }
    expect(storeLocation('./campaigns').kind).toBe('files');
    expect(storeLocation('campaigns=old').kind).toBe('files');
  });
});
