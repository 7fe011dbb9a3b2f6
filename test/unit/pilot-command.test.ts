// The pilot tip's command reads the list the same way and writes its sample the same way (BOM choice kept).
import { describe, expect, it } from 'vitest';
import { pilotCommand } from '../../src/commands/validate-numbers.js';

const base = { file: 'list.csv', samplePercent: 10, seed: 7, sampleOnly: false, mobileOnly: false };

describe('pilotCommand', () => {
  it('keeps an explicit --bom or --no-bom, and says nothing when the default (the list\'s own) applies', () => {
    expect(pilotCommand({ ...base, bom: true })).toBe('wa-ops validate-numbers list.csv --bom --sample 10 --sample-out pilot.csv --seed 7');
    expect(pilotCommand({ ...base, bom: false })).toBe('wa-ops validate-numbers list.csv --no-bom --sample 10 --sample-out pilot.csv --seed 7');
    expect(pilotCommand(base)).toBe('wa-ops validate-numbers list.csv --sample 10 --sample-out pilot.csv --seed 7');
  });
});
