// Real Cloud API clients from npm, written by others, driving the sandbox: every message type, read receipts,
// media upload/retrieve/download/delete, template listing. Each is pointed at the sandbox the way it allows
// (a fetch that rewrites graph.facebook.com, a prefix URL, an axios base URL); nothing else is changed.
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as GreatDetail } from '@great-detail/whatsapp';
import { WABAClient } from 'whatsapp-business';
import { WhatsAppAPI } from 'whatsapp-api-js';
import {
  ActionButtons,
  ActionCTA,
  ActionList,
  Audio,
  Body,
  BodyComponent,
  BodyParameter,
  Button,
  Contacts,
  Document,
  Footer,
  Header,
  Image,
  Interactive,
  Language,
  ListSection,
  Location,
  Name,
  Phone,
  Reaction,
  Row,
  Sticker,
  Template,
  Text,
  URLComponent,
  Video,
} from 'whatsapp-api-js/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/server.js';
import { tempDir } from '../helpers.js';

const PN = '109876543210987';
const WABA = '210987654321098';
const TOKEN = 'sandbox-token';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

let sb: SandboxServer;
beforeAll(async () => {
  sb = await startSandbox({ mps: 1000 });
});
afterAll(() => sb.close());

/** whatsapp-api-js calls https://graph.facebook.com directly: give it a fetch that goes to the sandbox instead. */
const toSandbox: typeof fetch = (input, init) => fetch(String(input instanceof Request ? input.url : input).replace('https://graph.facebook.com', sb.url), init);

describe('whatsapp-api-js', () => {
  let api: WhatsAppAPI;
  beforeAll(() => {
    api = new WhatsAppAPI({ token: TOKEN, appSecret: 'sandbox-app-secret', v: 'v23.0', ponyfill: { fetch: toSandbox } });
  });

  it('sends every message type and gets a wamid for each', async () => {
    const imageId = ((await api.uploadMedia(PN, form(new Blob([PNG], { type: 'image/png' })))) as { id: string }).id;
    const messages = [
      new Text('Hello from whatsapp-api-js', true),
      new Image(imageId, true, 'by id'),
      new Image('https://cdn.example.com/cat.jpg', false, 'by link'),
      new Video('https://cdn.example.com/clip.mp4'),
      new Audio('https://cdn.example.com/voice.ogg'),
      new Document('https://cdn.example.com/invoice.pdf', false, 'Your invoice', 'invoice.pdf'),
      new Sticker('https://cdn.example.com/s.webp'),
      new Location(13.405, 52.52, 'Berlin', 'Pariser Platz'),
      new Contacts([new Name('Ana Lima', 'Ana'), new Phone('+5511987654321', 'CELL')]),
      new Interactive(new ActionButtons(new Button('yes', 'Yes'), new Button('no', 'No')), new Body('Still coming?'), new Header('Your visit'), new Footer('Reply with a button')),
      new Interactive(new ActionList('Choose', new ListSection('Mornings', new Row('m1', '09:00'), new Row('m2', '10:00')), new ListSection('Evenings', new Row('e1', '18:00'))), new Body('Pick a slot')),
      new Interactive(new ActionCTA('Track', 'https://shop.example.com/track/1'), new Body('Your parcel is on its way')),
      new Reaction('wamid.HBgLNDkxNzAxMjM0NTY3', '👍'),
      new Template('order_shipped', new Language('en_US'), new BodyComponent(new BodyParameter('Ana'), new BodyParameter('#1'), new BodyParameter('Monday')), new URLComponent('48213')),
    ];
    for (const [i, m] of messages.entries()) {
      const r = (await api.sendMessage(PN, `49170200${String(i).padStart(4, '0')}`, m)) as { messages?: { id: string }[]; error?: unknown };
      expect(r.error, m._type).toBeUndefined();
      expect(r.messages?.[0].id, m._type).toMatch(/^wamid\./);
    }
  });

  it('sends to a business-scoped user id (recipient instead of to)', async () => {
    const r = (await api.sendMessage(PN, { bsuid: 'US.13491208655302741918' } as never, new Template('hello_world', new Language('en_US')))) as { contacts?: unknown[]; messages?: { id: string }[] };
    expect(r.messages?.[0].id).toMatch(/^wamid\./);
    expect(r.contacts).toEqual([{ input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' }]);
  });

  it('marks a message as read, with and without the typing indicator', async () => {
    expect(await api.markAsRead(PN, 'wamid.HBgLNDkxNzAxMjM0NTY3')).toEqual({ success: true });
    expect(await api.markAsRead(PN, 'wamid.HBgLNDkxNzAxMjM0NTY3', 'text')).toEqual({ success: true });
  });

  it('uploads media (messaging_product in the query string), retrieves its URL, downloads it with the token, deletes it', async () => {
    const { id } = (await api.uploadMedia(PN, form(new Blob([PNG], { type: 'image/png' })))) as { id: string };
    const info = (await api.retrieveMedia(id)) as unknown as Record<string, string>;
    expect(info).toMatchObject({ id, mime_type: 'image/png', file_size: String(PNG.length), messaging_product: 'whatsapp', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await api.fetchMedia(info.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect((await fetch(info.url)).status).toBe(401); // without the token: refused, as Meta does
    expect(await api.deleteMedia(id)).toEqual({ success: true });
    expect(((await api.retrieveMedia(id)) as { error?: { code: number } }).error?.code).toBe(100);
  });

  it('sees a disallowed upload refused by the sandbox when its own check is off', async () => {
    const r = (await api.uploadMedia(PN, form(new Blob([Buffer.from('MZ')], { type: 'application/x-msdownload' })), false)) as { error?: { code: number } };
    expect(r.error?.code).toBe(100);
  });

  it('blocks and unblocks users (an unversioned path, as it sends it) and manages QR codes', async () => {
    expect(await api.blockUser(PN, '491701112233')).toEqual({ messaging_product: 'whatsapp', block_users: { added_users: [{ input: '491701112233', wa_id: '491701112233' }] } });
    expect(await api.unblockUser(PN, '491701112233')).toMatchObject({ block_users: { removed_users: [{ wa_id: '491701112233' }] } });
    const qr = (await api.createQR(PN, 'Hallo', 'svg')) as { code: string; qr_image_url: string; deep_link_url: string };
    expect(qr).toMatchObject({ code: expect.any(String), prefilled_message: 'Hallo', deep_link_url: `https://wa.me/message/${qr.code}`, qr_image_url: expect.stringMatching(/\.svg$/) });
    expect(await api.updateQR(PN, qr.code, 'Hi again')).toMatchObject({ code: qr.code, prefilled_message: 'Hi again' });
    expect(await api.retrieveQR(PN, qr.code)).toEqual({ data: [{ code: qr.code, prefilled_message: 'Hi again', deep_link_url: qr.deep_link_url }] });
    expect(((await api.retrieveQR(PN)) as { data: unknown[] }).data).toHaveLength(1);
    expect(await api.deleteQR(PN, qr.code)).toEqual({ success: true });
    expect(((await api.retrieveQR(PN)) as { data: unknown[] }).data).toEqual([]);
  });
});

describe('@great-detail/whatsapp', () => {
  const client = () => new GreatDetail({ prefixUrl: sb.url, request: { headers: { Authorization: `Bearer ${TOKEN}` } } });

  it('sends text, media, location, contacts, interactive, reaction and template messages', async () => {
    const c = client();
    const bodies: Record<string, unknown>[] = [
      { type: 'text', text: { body: 'Hello from great-detail' } },
      { type: 'image', image: { link: 'https://cdn.example.com/cat.jpg' } },
      { type: 'document', document: { link: 'https://cdn.example.com/a.pdf', filename: 'a.pdf' } },
      { type: 'location', location: { latitude: 52.52, longitude: 13.405 } },
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Lima' }, phones: [{ phone: '+5511987654321' }] }] },
      { type: 'interactive', interactive: { type: 'button', body: { text: 'OK?' }, action: { buttons: [{ type: 'reply', reply: { id: 'y', title: 'Yes' } }] } } },
      { type: 'reaction', reaction: { message_id: 'wamid.HBgLNDkxNzAxMjM0NTY3', emoji: '🎉' } },
      { type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } },
    ];
    for (const [i, b] of bodies.entries()) {
      const r = (await c.message.createMessage({ phoneNumberID: PN, to: `49170300${String(i).padStart(4, '0')}`, ...b } as never).json()) as { messages: { id: string }[] };
      expect(r.messages[0].id, String(b.type)).toMatch(/^wamid\./);
    }
    expect(await c.message.createStatus({ phoneNumberID: PN, status: 'read', message_id: 'wamid.X' } as never).json()).toEqual({ success: true });
  });

  it('uploads, retrieves, downloads and deletes media', async () => {
    const c = client();
    const { id } = (await c.media.upload({ phoneNumberID: PN, file: new Blob([PNG], { type: 'image/png' }), filename: 'dot.png', mimeType: 'image/png' }).json()) as { id: string };
    const info = (await c.media.getURL({ mediaID: id, phoneNumberID: PN }).json()) as { url: string; sha256: string };
    const bytes = Buffer.from(await c.media.download({ mediaURL: info.url, request: { headers: { Authorization: `Bearer ${TOKEN}` } } }).arrayBuffer());
    expect(bytes).toEqual(PNG);
    expect(await c.media.delete({ mediaID: id }).json()).toEqual({ success: true });
  });

  it('lists templates with status, language, fields and limit, paging through them', async () => {
    const c = client();
    const page = (await c.template.list(WABA, { status: 'APPROVED', language: 'en_US', fields: ['name', 'status'], limit: 2 }).json()) as { data: Record<string, string>[]; paging: { next?: string } };
    expect(page.data).toHaveLength(2);
    for (const t of page.data) expect(Object.keys(t).sort()).toEqual(['id', 'name', 'status']);
    expect(page.paging.next).toBeTruthy();
    const next = (await (await fetch(page.paging.next!, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { data: { name: string }[] };
    expect(next.data.length).toBeGreaterThan(0);
    expect(next.data.map((t) => t.name)).not.toContain(page.data[0].name);
    const byName = (await c.template.list(WABA, { name_or_content: 'spring' } as never).json()) as { data: { name: string }[] };
    expect(byName.data.map((t) => t.name)).toEqual(['spring_sale']);
    // Several values go as a JSON array; quality_score is a filter too.
    const several = (await c.template.list(WABA, { category: ['MARKETING', 'AUTHENTICATION'], quality_score: ['GREEN'], fields: ['name', 'category', 'quality_score'] } as never).json()) as { data: { name: string; category: string; quality_score: { score: string } }[] };
    expect(several.data.map((t) => t.name).sort()).toEqual(['new_collection', 'spring_sale']);
    expect(several.data.every((t) => t.category === 'MARKETING' && t.quality_score.score === 'GREEN')).toBe(true);
  });

  it('creates, reads, edits and deletes a template, and searches the template library', async () => {
    const c = client();
    const created = (await c.template.create(WABA, { name: 'gd_pickup', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel is ready for pickup.' }] } as never).json()) as { id: string; status: string };
    expect(created.status).toBe('PENDING');
    expect(await c.template.get(created.id, { fields: ['name', 'status'] }).json()).toEqual({ id: created.id, name: 'gd_pickup', status: 'PENDING' });
    const library = (await c.template.listLibrary({ search: 'payment', language: 'en_US' } as never).json()) as { data: { name: string; category: string }[] };
    expect(library.data.map((t) => t.name)).toEqual(['payment_reminder_1']);
    expect(await c.template.delete(WABA, { name: 'gd_pickup' } as never).json()).toEqual({ success: true });
    // From the library: no components, the library template's name instead (its body is taken).
    const fromLibrary = (await c.template.create(WABA, { name: 'gd_payment', language: 'en_US', category: 'UTILITY', library_template_name: 'payment_reminder_1' } as never).json()) as { id: string; status: string };
    expect(fromLibrary.status).toBe('PENDING');
    expect(await c.template.get(fromLibrary.id, { fields: ['components'] }).json()).toMatchObject({ components: [{ type: 'BODY', text: 'Hi {{1}}, your payment of {{2}} is due on {{3}}.' }] });
    await expect(c.template.create(WABA, { name: 'gd_nope', language: 'en_US', category: 'UTILITY', library_template_name: 'no_such_one' } as never).json()).rejects.toMatchObject({ response: { status: 400 } });
  });

  it('reads the WABA, its phone numbers and subscriptions; reads and updates the business profile and the number', async () => {
    const c = client();
    expect(await c.whatsappBusinessAccount.get(WABA, { fields: ['name', 'timezone_id'] }).json()).toEqual({ id: WABA, name: 'wa-ops Sandbox Shop', timezone_id: '1' });
    expect(await c.phoneNumbers.getPhoneNumber({ phoneNumberID: PN, fields: ['quality_rating', 'verified_name'] } as never).json()).toMatchObject({ id: PN, quality_rating: 'GREEN' });
    expect(((await c.phoneNumbers.listPhoneNumbers({ businessAccountID: WABA } as never).json()) as { data: { id: string }[] }).data[0].id).toBe(PN);
    expect(await c.phoneNumbers.updatePhoneNumber({ phoneNumberID: PN, new_display_name: 'Sandbox Shop Two' } as never).json()).toEqual({ success: true });
    expect(await c.subscribedApps.createSubscription({ businessAccountID: WABA } as never).json()).toEqual({ success: true });
    expect(((await c.subscribedApps.listSubscriptions({ businessAccountID: WABA } as never).json()) as { data: unknown[] }).data).toHaveLength(1);
    expect(await c.businessProfile.updateBusinessProfile({ phoneNumberID: PN, about: 'Open 9-5', websites: ['https://shop.example.com'] } as never).json()).toEqual({ success: true });
    expect(await c.businessProfile.getBusinessProfile({ phoneNumberID: PN, fields: ['about', 'websites'] } as never).json()).toEqual({ data: [{ about: 'Open 9-5', websites: ['https://shop.example.com'], messaging_product: 'whatsapp' }] });
    await expect(c.businessProfile.updateBusinessProfile({ phoneNumberID: PN, email: 'not-an-address' } as never).json()).rejects.toMatchObject({ response: { status: 400 } });
  });

  it('lists phone numbers with nested fields, filtering and sort (applied and checked), as it sends them', async () => {
    const c = client();
    const list = (o: Record<string, unknown>) => c.phoneNumbers.listPhoneNumbers({ businessAccountID: WABA, ...o } as never).json() as Promise<{ data: Record<string, unknown>[] }>;
    // [field, [subfields]] is sent as field{a,b}: the selection narrows the struct.
    expect((await list({ fields: ['status', ['throughput', ['level']], ['health_status', ['can_send_message']]] })).data[0]).toEqual({ id: PN, status: 'CONNECTED', throughput: { level: 'HIGH' }, health_status: { can_send_message: 'AVAILABLE' } });
    expect((await list({ filtering: JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: 'LIVE' }]), sort: 'last_onboarded_time.desc' })).data.map((n) => n.id)).toEqual([PN]);
    expect((await list({ filtering: JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: 'SANDBOX' }]) })).data).toEqual([]);
    await expect(list({ filtering: '{not json' })).rejects.toMatchObject({ response: { status: 400 } });
    const refused = await fetch(`${sb.url}/v23.0/${WABA}/phone_numbers?filtering=${encodeURIComponent('{not json')}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ code: 100, message: 'Invalid parameter: filtering must be valid JSON' });
    await expect(list({ sort: 'name.asc' })).rejects.toMatchObject({ response: { status: 400 } });
    await expect(list({ filtering: JSON.stringify([{ field: 'status', operator: 'EQUAL', value: 'CONNECTED' }]) })).rejects.toMatchObject({ response: { status: 400 } });
  });
});

describe('whatsapp-business', () => {
  const client = () => {
    const c = new WABAClient({ apiToken: TOKEN, phoneId: PN, accountId: WABA });
    c.restClient.fetch.defaults.baseURL = `${sb.url}/v17.0`; // its base URL is fixed to graph.facebook.com otherwise
    return c;
  };

  it('sends without recipient_type (as it always does) and marks as read', async () => {
    const c = client();
    const sends = [
      { to: '491704000001', type: 'text', text: { body: 'Hello from whatsapp-business' } },
      { to: '491704000002', type: 'video', video: { link: 'https://cdn.example.com/v.mp4', caption: 'Clip' } },
      { to: '491704000003', type: 'sticker', sticker: { link: 'https://cdn.example.com/s.webp' } },
      { to: '491704000004', type: 'interactive', interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A' }] }] } } },
    ];
    for (const s of sends) expect(((await c.sendMessage(s as never)) as { messages: { id: string }[] }).messages[0].id).toMatch(/^wamid\./);
    expect(await c.markMessageAsRead('wamid.HBgLNDkxNzAxMjM0NTY3')).toEqual({ success: true });
  });

  it('uploads a file from disk, retrieves, downloads and deletes it', async () => {
    const c = client();
    const dir = tempDir();
    const src = join(dir, 'dot.png');
    writeFileSync(src, PNG);
    const { id } = (await c.uploadMedia({ file: src, type: 'image/png' })) as { id: string };
    const info = (await c.getMedia(id)) as { url: string; mime_type: string };
    expect(info.mime_type).toBe('image/png');
    const dest = join(dir, 'copy.png');
    const stream = (await c.downloadMedia(info.url, dest)) as ReturnType<typeof createReadStream>;
    await new Promise<void>((resolve) => stream.on('close', () => resolve()));
    expect(readFileSync(dest)).toEqual(PNG);
    expect(await c.deleteMedia(id)).toEqual({ success: true });
  });

  it('reads and updates the business profile, lists the numbers, registers, verifies and sets the PIN', async () => {
    const c = client();
    expect(((await c.getBusinessProfile()) as { data: Record<string, unknown>[] }).data[0]).toMatchObject({ messaging_product: 'whatsapp', vertical: expect.any(String), websites: expect.any(Array) });
    expect(await c.updateBusinessProfile({ description: 'Rehearsal shop', vertical: 'RETAIL' })).toEqual({ success: true });
    expect(((await c.getBusinessProfile(['description'])) as { data: Record<string, unknown>[] }).data).toEqual([{ description: 'Rehearsal shop', messaging_product: 'whatsapp' }]);
    expect(((await c.getBusinessPhoneNumbers()) as { data: { id: string }[] }).data[0].id).toBe(PN);
    expect(await c.getSingleBusinessPhoneNumber(PN)).toMatchObject({ id: PN, display_phone_number: expect.any(String) });
    expect(await c.updateIdentityCheckState({ enable_identity_key_check: true })).toEqual({ success: true });
    expect(await c.requestPhoneNumberVerificationCode({ phoneNumberId: PN, code_method: 'SMS', language: 'en_US' } as never)).toEqual({ success: true });
    expect(await c.verifyPhoneNumberCode({ phoneNumberId: PN, code: '123456' } as never)).toEqual({ success: true });
    expect(await c.registerPhone({ phoneNumberId: PN, pin: '123456' } as never)).toEqual({ success: true });
    expect(await c.setupTwoStepAuth({ phoneNumberId: PN, pin: '654321' } as never)).toEqual({ success: true });
    await expect(c.setupTwoStepAuth({ phoneNumberId: PN, pin: '12' } as never)).rejects.toMatchObject({ code: 100 });
    expect(await c.deregisterPhone(PN)).toEqual({ success: true });
  });

  it('gets refusals in the error shape it parses', async () => {
    const c = client();
    await expect(c.sendMessage({ to: '491704000009', type: 'image', image: {} } as never)).rejects.toMatchObject({ code: 131008, error_data: { details: expect.stringContaining("image['link']") } });
  });
});

function form(file: Blob): FormData {
  const f = new FormData();
  f.set('file', file, 'upload');
  return f;
}
