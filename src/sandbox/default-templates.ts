/** Templates every sandbox starts with (overridden by --templates): Meta's hello_world and a few realistic ones. */
import type { SandboxTemplate } from './state.js';

/** The templates the sandbox starts with when --templates is not given. */
export const DEFAULT_TEMPLATES: SandboxTemplate[] = [
  {
    id: '1000000000000001',
    name: 'hello_world',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      { type: 'BODY', text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.' },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ],
  },
  {
    id: '1000000000000002',
    name: 'order_shipped',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}.', example: { body_text: [['Ana', '#48213', '12 March']] } },
      { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/48213'] }] },
    ],
  },
  {
    id: '1000000000000003',
    name: 'spring_sale',
    language: 'de',
    status: 'APPROVED',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Hallo {{1}}, dein Frühlingsgutschein {{2}} ist da: 10 € auf deine nächste Bestellung bis Sonntag.', example: { body_text: [['Anna', 'A1B2']] } }],
  },
  {
    id: '1000000000000004',
    name: 'appointment_reminder',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Hello {{1}}, this is a reminder of your appointment on {{2}} at {{3}}.', example: { body_text: [['Sam', 'Monday', '10:30']] } }],
  },
  {
    id: '1000000000000005',
    name: 'new_collection',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvcG5n:ARb'] } },
      { type: 'BODY', text: 'Hi {{1}}, our new collection has arrived. Come and see it this weekend.', example: { body_text: [['Ana']] } },
    ],
  },
];
