import { describe, expect, it } from 'vitest';
import { dotenvProblems } from '../../src/core/dotenv-lines.js';

const KNOWN = ['WA_OPS_TOKEN', 'WA_OPS_PHONE_NUMBER_ID', 'WA_OPS_WABA_ID', 'WA_OPS_APP_ID'];
const ENV_ONLY = ['WA_OPS_ALLOW_INSECURE_GRAPH_URL'];
const first = (text: string) => dotenvProblems(text, KNOWN, ENV_ONLY)[0];

describe('dotenvProblems', () => {
  it('leaves good lines and other tools\' lines alone, whatever they hold', () => {
    expect(dotenvProblems('# c\nDATABASE_URL=x\njunk line\nexport WA_OPS_TOKEN=abc\nWA_OPS_WABA_ID = 12 # c\nWA_OPS_APP_ID="a b" # x\r\n', KNOWN, ENV_ONLY)).toEqual([]);
  });

  it('names the line of a WA_OPS_ line without "=", never echoing its value', () => {
    const p = first('A=1\nWA_OPS_TOKEN: EAAGsecret\n');
    expect(p).toMatchObject({ line: 2, message: expect.stringMatching(/WA_OPS_TOKEN .*no "="/) });
    expect(JSON.stringify(p)).not.toContain('EAAGsecret');
  });

  it('a quote that does not close on its line', () => {
    expect(first("WA_OPS_TOKEN='abc\n")).toMatchObject({ line: 1, message: expect.stringMatching(/quote/) });
  });

  it('a misspelt name suggests the variable meant, by distance or by its words', () => {
    expect(first('WA_OPS_TOKN=a').message).toMatch(/did you mean WA_OPS_TOKEN\?/);
    expect(first('WA_OPS_PHONE_ID=1').message).toMatch(/did you mean WA_OPS_PHONE_NUMBER_ID\?/);
    expect(first('WA_OPS_SOMETHING=1').message).not.toMatch(/did you mean/);
    expect(first('WA_OPS_TEST_PG_URL=postgres://x')).toBeUndefined();
  });

  it('a security override read from the environment only is refused in .env with what to do', () => {
    expect(first('WA_OPS_ALLOW_INSECURE_GRAPH_URL=1')).toMatchObject({ message: expect.stringMatching(/environment only/), hint: expect.stringMatching(/export/) });
  });
});
