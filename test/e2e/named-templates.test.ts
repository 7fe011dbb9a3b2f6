// NAMED templates (parameter_format NAMED, {{first_name}}): Meta maps their parameters by parameter_name and refuses
// a send without it (100 "Parameter name is missing or empty"); the sandbox does too, and send --campaign names them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/sandbox/default-templates.js';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { runCli, tempDir } from '../helpers.js';

const PN = '109876543210987';
const NAMED = {
  id: '1000000000000042',
  name: 'order_named',
  language: 'en_US',
  status: 'APPROVED',
  category: 'UTILITY',
  parameter_format: 'NAMED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{order_id}}', example: { header_text_named_params: [{ param_name: 'order_id', example: 'A1' }] } },
    { type: 'BODY', text: 'Hi {{first_name}}, your order {{order_id}} has shipped.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'order_id', example: 'A1' }] } },
  ],
};

describe('NAMED templates', () => {
  let sb: SandboxServer;
  beforeAll(async () => {
    sb = await startSandbox({ templates: [...DEFAULT_TEMPLATES, NAMED], mps: 1000 });
  });
  afterAll(() => sb.close());

  const send = async (header: object[], body: object[]) => {
    const template = { name: 'order_named', language: { code: 'en_US' }, components: [{ type: 'header', parameters: header }, { type: 'body', parameters: body }] };
    const res = await fetch(`${sb.url}/v23.0/${PN}/messages`, { method: 'POST', headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: JSON.stringify({ messaging_product: 'whatsapp', to: '491701234567', type: 'template', template }) });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const text = (value: string, name?: string) => (name === undefined ? { type: 'text', text: value } : { type: 'text', parameter_name: name, text: value });

  it('the sandbox refuses parameters without parameter_name as Meta does (100), and names that are not the template\'s (132000)', async () => {
    const bare = await send([text('A1')], [text('Ana'), text('A1')]);
    expect(bare.status).toBe(400);
    expect(bare.json.error).toMatchObject({ code: 100, message: '(#100) Invalid parameter', error_data: { details: 'Parameter name is missing or empty' } });
    const wrong = await send([text('A1', 'order_id')], [text('Ana', 'firstname'), text('A1', 'order_id')]);
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe(132000);
    // By name, in any order.
    expect((await send([text('A1', 'order_id')], [text('A1', 'order_id'), text('Ana', 'first_name')])).status).toBe(200);
  });

  it('send --campaign labels each parameter with its variable name, and every recipient is accepted', async () => {
    const dir = tempDir('wa-ops-named-');
    writeFileSync(join(dir, 'list.csv'), 'phone,first_name,order\n+491709990001,Ana,A1\n+491709990002,Ben,B2\n');
    const file = join(dir, 'campaign.json');
    writeFileSync(file, JSON.stringify({ name: 'named', recipients: 'list.csv', template: { name: 'order_named', language: 'en_US' }, parameters: { header: ['order'], body: ['first_name', 'order'] } }));
    const env = { WA_OPS_GRAPH_URL: sb.url, WA_OPS_TOKEN: 'sandbox-token', WA_OPS_PHONE_NUMBER_ID: PN, WA_OPS_WABA_ID: '210987654321098' };
    const r = await runCli(['send', '--campaign', file, '--interval', '20ms', '--yes', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sent: 2, failed: 0 });
    const accepted = sb.state.messages.filter((m) => m.template?.name === 'order_named');
    expect(accepted.map((m) => (m.payload as { template: { components: object[] } }).template.components)).toContainEqual([
      { type: 'header', parameters: [text('A1', 'order_id')] },
      { type: 'body', parameters: [text('Ana', 'first_name'), text('A1', 'order_id')] },
    ]);
  });
});
