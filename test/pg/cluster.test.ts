import { describe, expect, it } from 'vitest';
import { freshDatabase, pgUrl, query } from './db.js';

describe.skipIf(!pgUrl)('test cluster', () => {
  it('serves a fresh database per test file, over loopback with a password', async () => {
    const url = await freshDatabase();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const rows = await query<{ user: string; db: string }>(url, 'SELECT current_user AS user, current_database() AS db');
    expect(rows[0].user).toBe('wa_ops');
    expect(rows[0].db).toBe(new URL(url).pathname.slice(1));
  });
});
