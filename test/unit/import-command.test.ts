// The store import command printed when the store lacks a local ledger's campaign: exactly what the user typed, quoted for sh, never a password.
import { describe, expect, it } from 'vitest';
import { importCommand } from '../../src/core/store/import-command.js';

describe('importCommand', () => {
  it('quotes paths, keeps the ledger, config and events given, and a password-free --store as is', () => {
    expect(importCommand({ campaign: "spring sale/o'neil.json", ledger: 'old ledger.jsonl', config: 'wa.json', events: 'ev.jsonl', store: 'postgres://wa@db:5432/wa_ops?sslmode=require' })).toBe(
      "wa-ops store import --campaign 'spring sale/o'\\''neil.json' --ledger 'old ledger.jsonl' --config wa.json --events ev.jsonl --store 'postgres://wa@db:5432/wa_ops?sslmode=require'",
    );
  });

  it('a --store URL with a password becomes "$WA_OPS_STORE"; a store from the environment is not repeated', () => {
    const line = importCommand({ campaign: 'c.json', store: 'postgres://wa:s3cret-pw@db/wa_ops' });
    expect(line).toBe('wa-ops store import --campaign c.json --store "$WA_OPS_STORE"');
    expect(line).not.toContain('s3cret');
    expect(importCommand({ campaign: 'c.json' })).toBe('wa-ops store import --campaign c.json');
  });
});
