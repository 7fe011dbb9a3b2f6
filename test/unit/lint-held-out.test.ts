import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../src/core/lint/engine.js';
import type { Template } from '../../src/core/lint/types.js';

const lint = (t: Template) => lintTemplate(t, { file: 't.json', kind: 'json' }).findings;

describe('held-out templates: button and variable shapes Meta accepts', () => {
  it('takes a COPY_CODE button without text: Meta writes its label', () => {
    const t: Template = {
      name: 'oferta_limitada', language: 'es_MX', category: 'MARKETING',
      components: [
        { type: 'BODY', text: 'Hola {{1}}, tu código de regalo te espera en la tienda.', example: { body_text: [['Ana']] } },
        { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'VERANO50' }, { type: 'URL', text: 'Comprar', url: 'https://tienda.example.mx/' }] },
      ],
    };
    expect(lint(t)).toEqual([]);
  });

  it('takes {{1}} in a URL button of a NAMED template, where Meta keeps the suffix positional', () => {
    const t: Template = {
      name: 'named_ok', language: 'en_US', category: 'UTILITY', parameter_format: 'NAMED',
      components: [
        { type: 'BODY', text: 'Hi {{first_name}}, your order {{order_id}} ships today.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Pablo' }, { param_name: 'order_id', example: '335628' }] } },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}', example: ['https://example.com/track/335628'] }] },
      ],
    };
    expect(lint(t)).toEqual([]);
  });
});
