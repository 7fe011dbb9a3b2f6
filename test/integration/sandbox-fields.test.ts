// `fields=` as Graph reads it: a field the node type has (served or not) is fine, one it does not have is error 100.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { openApiPresent, schemaValidator } from '../openapi.js';

const PN = '109876543210987';
const WABA = '210987654321098';

describe('fields= on the sandbox', () => {
  let sb: SandboxServer;
  let errorShape: (body: unknown) => string[] = () => [];
  let phoneShape: (body: unknown) => string[] = () => [];
  beforeAll(async () => {
    sb = await startSandbox({});
    if (openApiPresent) [errorShape, phoneShape] = [schemaValidator('GraphAPIError'), schemaValidator('PhoneNumberInfo')];
  });
  afterAll(() => sb.close());
  const get = async (path: string) => {
    const res = await fetch(`${sb.url}/v23.0/${path}`, { headers: { authorization: 'Bearer sandbox-token' } });
    return { status: res.status, json: (await res.json()) as Record<string, any>, trace: res.headers.get('x-fb-trace-id') };
  };

  it.each([
    [`${PN}?fields=quality_rating,bogus_field`, 'bogus_field', 'WhatsAppBusinessPhoneNumber'],
    [`${PN}?fields=display_name`, 'display_name', 'WhatsAppBusinessPhoneNumber'],
    [`${WABA}?fields=name,messaging_limit_tier`, 'messaging_limit_tier', 'WhatsAppBusinessAccount'],
    [`${WABA}/phone_numbers?fields=id,nope`, 'nope', 'WhatsAppBusinessPhoneNumber'],
    [`${WABA}/message_templates?fields=name,body`, 'body', 'WhatsAppBusinessHSM'],
    [`${PN}/whatsapp_business_profile?fields=about,phone`, 'phone', 'WhatsAppBusinessProfile'],
  ])('GET %s names the nonexisting field: 400, code 100', async (path, field, node) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 100, type: 'OAuthException', message: `(#100) Tried accessing nonexisting field (${field}) on node type (${node})` });
    expect(r.json.error.fbtrace_id).toBe(r.trace);
    expect(errorShape(r.json)).toEqual([]);
  });

  it('an edge the node does not have is read as a field, as Graph reads it (a WABA edge asked of the phone number)', async () => {
    const r = await get(`${PN}/message_templates`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (message_templates) on node type (WhatsAppBusinessPhoneNumber)' });
    expect((await get(`${WABA}/display_name`)).json.error.message).toBe('(#100) Tried accessing nonexisting field (display_name) on node type (WhatsAppBusinessAccount)');
    // An edge that exists for POST only is an unsupported GET, as before.
    expect((await get(`${PN}/messages`)).json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('a template asked by id with a field templates do not have is refused alike', async () => {
    const list = await get(`${WABA}/message_templates?name=hello_world`);
    const r = await get(`${list.json.data[0].id}?fields=status,owner`);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('(#100) Tried accessing nonexisting field (owner) on node type (WhatsAppBusinessHSM)');
  });

  it('fields Meta has are served (or left out when the sandbox has no value), nested selections and modifiers included', async () => {
    const pn = await get(`${PN}?fields=id,quality_rating,health_status{can_send_message},whatsapp_business_profile{about},search_visibility,throughput`);
    expect(pn.status).toBe(200);
    expect(pn.json).toMatchObject({ id: PN, quality_rating: 'GREEN', throughput: { level: 'STANDARD' } });
    expect(phoneShape(pn.json)).toEqual([]);
    const waba = await get(`${WABA}?fields=id,name,currency,owner_business_info,health_status`);
    expect(waba.status).toBe(200);
    expect(waba.json).toMatchObject({ id: WABA, currency: 'USD' });
    const tpl = await get(`${WABA}/message_templates?fields=name,status,sub_category,previous_category,library_template_name&limit=1`);
    expect(tpl.status).toBe(200);
    expect(tpl.json.data).toHaveLength(1);
    const profile = await get(`${PN}/whatsapp_business_profile?fields=about,websites,profile_picture_url`);
    expect(profile.status).toBe(200);
    expect(profile.json.data[0].messaging_product).toBe('whatsapp');
    // No fields= (or an empty one): the defaults, never an error.
    expect((await get(`${PN}?fields=`)).status).toBe(200);
  });

  it('lists phone numbers with the default fields Meta lists (status among them), in the OpenAPI shape', async () => {
    const r = await get(`${WABA}/phone_numbers`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json.data[0]).sort()).toEqual(['display_phone_number', 'id', 'quality_rating', 'status', 'verified_name']);
    expect(r.json.data[0].status).toBe('CONNECTED');
    // The OpenAPI lists this status as LINKED/UNLINKED/..., while its phone number node (and every client typing) says
    // CONNECTED: the sandbox keeps CONNECTED, the value doctor and the clients read; every other part must match.
    const problems = openApiPresent ? schemaValidator('WhatsAppBusinessAccountPhoneNumbersConnection')(r.json) : [];
    expect(problems.filter((p) => !/^\/data\/\d+\/status must be equal to one of the allowed values$/.test(p))).toEqual([]);
  });

  it('applies nested selections (a{b,c}) and checks them against the nested node type', async () => {
    const pn = await get(`${PN}?fields=health_status{can_send_message}`);
    expect(pn.json).toEqual({ id: PN, health_status: { can_send_message: 'AVAILABLE' } });
    const entities = await get(`${PN}?fields=health_status{entities{entity_type}}`);
    expect(entities.json.health_status.entities.map((e: Record<string, unknown>) => Object.keys(e).sort())).toEqual(Array(4).fill(['entity_type', 'id']));
    const waba = await get(`${WABA}?fields=phone_numbers{id,status},message_templates{name}`);
    expect(waba.status).toBe(200);
    expect(waba.json.phone_numbers.data).toEqual([{ id: PN, status: 'CONNECTED' }]);
    expect(Object.keys(waba.json.message_templates.data[0]).sort()).toEqual(['id', 'name']);
    const bad = await get(`${WABA}?fields=phone_numbers{id,bogus}`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('(#100) Tried accessing nonexisting field (bogus) on node type (WhatsAppBusinessPhoneNumber)');
    const badTpl = await get(`${WABA}?fields=message_templates{name,owner}`);
    expect(badTpl.json.error.message).toBe('(#100) Tried accessing nonexisting field (owner) on node type (WhatsAppBusinessHSM)');
  });

  it('.limit(n) on a nested edge keeps its first n items, before or after the selection', async () => {
    const all = (await get(`${WABA}?fields=message_templates{name}`)).json.message_templates.data;
    expect(all.length).toBeGreaterThan(2);
    const one = await get(`${WABA}?fields=${encodeURIComponent('message_templates.limit(1){name}')}`);
    expect(one.status).toBe(200);
    expect(one.json.message_templates.data).toEqual([all[0]]);
    const two = await get(`${WABA}?fields=${encodeURIComponent('message_templates{name}.limit(2),phone_numbers.limit(0){id}')}`);
    expect(two.json.message_templates.data).toEqual(all.slice(0, 2));
    expect(two.json.phone_numbers.data).toEqual([]);
    const listed = await get(`${WABA}?fields=${encodeURIComponent('message_templates.limit(1)')}`);
    expect(listed.json.message_templates.data).toHaveLength(1);
  });

  it('a fields list with unbalanced braces is a syntax error (2500), as Graph answers it', async () => {
    const r = await get(`${PN}?fields=${encodeURIComponent('health_status{can_send_message')}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 2500, type: 'OAuthException', message: 'Syntax error "Expected "}" instead of end of string." at character 30: health_status{can_send_message' });
    expect(errorShape(r.json)).toEqual([]);
  });

  it('template list filters match without regard to case, as Graph matches them', async () => {
    const names = async (q: string) => (await get(`${WABA}/message_templates?fields=name&${q}`)).json.data.map((t: { name: string }) => t.name);
    const exact = await names('name=hello_world&language=en_US&status=APPROVED&category=UTILITY');
    expect(exact).toEqual(['hello_world']);
    expect(await names('name=HELLO_WORLD&language=en_us&status=approved&category=utility')).toEqual(exact);
    expect(await names('status=Approved')).toEqual(await names('status=APPROVED'));
  });

  it('creates templates only in a language Meta has (xx_YY, en-US and EN_us are 100; pt_BR, fil, prs_AF are taken)', async () => {
    const create = (name: string, language: string) =>
      fetch(`${sb.url}/v23.0/${WABA}/message_templates`, { method: 'POST', headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }, body: JSON.stringify({ name, language, category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel is ready.' }] }) });
    for (const language of ['xx_YY', 'en-US', 'EN_us']) {
      const r = await create(`lang_${language.replace('-', '_').toLowerCase()}`, language);
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { code: number } }).error.code).toBe(100);
    }
    for (const language of ['pt_BR', 'fil', 'prs_AF']) expect((await create(`lang_ok_${language.toLowerCase()}`, language)).status).toBe(200);
  });

  it('lists every phone number of the WABA (more senders), each with its own id and display number', async () => {
    const two = await startSandbox({ extraPhoneNumberIds: ['109876543210988'] });
    try {
      const res = await fetch(`${two.url}/v23.0/${WABA}/phone_numbers?fields=id,display_phone_number`, { headers: { authorization: 'Bearer sandbox-token' } });
      const list = ((await res.json()) as { data: { id: string; display_phone_number: string }[] }).data;
      expect(list).toEqual([
        { id: PN, display_phone_number: '+1 555-010-0000' },
        { id: '109876543210988', display_phone_number: '+1 555-010-0001' },
      ]);
      const one = await fetch(`${two.url}/v23.0/109876543210988`, { headers: { authorization: 'Bearer sandbox-token' } });
      expect(await one.json()).toMatchObject({ id: '109876543210988', display_phone_number: '+1 555-010-0001' });
    } finally {
      await two.close();
    }
  });
});
