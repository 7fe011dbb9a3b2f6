import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../src/core/lint/engine.js';
import { CATALOGUES } from '../../src/core/lint/messages/index.js';
import { MESSAGE_IDS } from '../../src/core/lint/messages/types.js';

const text = (body: string, language: string, category = 'MARKETING') =>
  lintTemplate({ name: 'spring_sale', language, category, components: [{ type: 'BODY', text: body }] }, { file: '<text>', kind: 'text' }).findings;

describe('lint advice in the template language', () => {
  it('has a catalogue for every language of the word lists but English, each covering every message id', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['de', 'es', 'fr', 'id', 'it', 'pt', 'tr', 'zh']);
    for (const [lang, cat] of Object.entries(CATALOGUES)) {
      expect(Object.keys(cat).sort(), lang).toEqual([...MESSAGE_IDS].sort());
      // Every entry renders two non-empty strings with the values filled in (no "undefined" left).
      for (const id of MESSAGE_IDS) {
        const [message, suggestion] = cat[id]({ term: 'VIP', plain: 'x', count: 2, max: 2, type: 'URL', n: 1, component: 'body', url: 'https://bit.ly/x', host: 'bit.ly', raw: '{{1}}', missing: '{{2}}', name: 'a', field: 'example.body_text', sample: '[]', example: 'https://a/b', a: '{{1}}', b: '{{2}}', vars: 3, words: 2, fixed: 'a_b', what: 'body', chars: 1100, over: 76, text: '30 %', category: 'UTILITY' });
        expect(message.length * suggestion.length, `${lang} ${id}`).toBeGreaterThan(0);
        expect(`${message} ${suggestion}`, `${lang} ${id}`).not.toMatch(/undefined/);
      }
    }
  });

  it.each([
    ['de', 'Hallo {{1}}, nur heute 30 % Rabatt auf alles!', /Prozent-Rabatt/, /konkreten Betrag/],
    ['es', 'Hola {{1}}, hoy 30 % de descuento en todo.', /descuento porcentual/, /importe/],
    ['pt', 'Olá {{1}}, hoje 30% de desconto em tudo.', /desconto percentual/, /valor/],
    ['fr', 'Bonjour {{1}}, aujourd’hui 30 % de réduction sur tout.', /remise en pourcentage/, /montant/],
    ['it', 'Ciao {{1}}, oggi 30% di sconto su tutto.', /sconto percentuale/, /importo/],
    ['id', 'Halo {{1}}, hari ini diskon 30% untuk semua produk.', /diskon persentase/, /nominal/],
    ['tr', 'Merhaba {{1}}, bugün tüm ürünlerde %30 indirim var.', /yüzdelik bir indirim/, /somut/],
    ['zh', '您好 {{1}}，今天全场 8折 优惠。', /百分比折扣/, /具体金额/],
    ['pt_BR', 'Olá {{1}}, hoje 30% de desconto em tudo.', /desconto percentual/, /valor/],
    ['en_US', 'Hello {{1}}, 30% off everything today.', /percentage discount/, /concrete amount/],
    ['ja', 'Hello {{1}}, 30% off everything today.', /percentage discount/, /concrete amount/],
  ])('%s: message and suggestion in the language of the template', (language, body, message, suggestion) => {
    const f = text(body, language).find((x) => x.rule === 'discount-percentage');
    expect(f, 'finding').toBeDefined();
    expect(f!.message).toMatch(message);
    expect(f!.suggestion).toMatch(suggestion);
  });

  it('localises the values it quotes too (component names, counts)', () => {
    const long = text(`Hallo {{1}}, ${'x'.repeat(1100)} danke.`, 'de').find((x) => x.rule === 'length');
    expect(long!.message).toMatch(/^Text: 1\.1\d\d Zeichen, über Metas Grenze von 1\.024$/);
  });

  it.each([
    ['de', 'Hallo {{1}}, danke für Ihre Bestellung, thx und bis bald.', /"danke"/],
    ['es', 'Hola {{1}}, gracias por tu pedido, thx y hasta pronto.', /"gracias"/],
    ['pt', 'Olá {{1}}, obrigado pelo pedido, thx e até logo.', /"obrigado"/],
    ['fr', 'Bonjour {{1}}, merci pour votre commande, thx et à bientôt.', /"merci"/],
    ['it', 'Ciao {{1}}, grazie per il tuo ordine, thx e a presto.', /"grazie"/],
    ['id', 'Halo {{1}}, pesanan Anda sudah kami terima, thx dan sampai jumpa.', /"terima kasih"/],
    ['tr', 'Merhaba {{1}}, siparişiniz alındı, thx ve görüşmek üzere.', /"teşekkürler"/],
    ['zh', '您好 {{1}}，您的订单已收到 thx 祝您愉快。', /"谢谢"/],
  ])('%s: the plain wording of shared jargon is in the template language too', (language, body, plain) => {
    const f = text(body, language, 'UTILITY').find((x) => x.rule === 'abbreviation');
    expect(f, 'finding').toBeDefined();
    expect(f!.suggestion).toMatch(plain);
    expect(f!.suggestion).not.toMatch(/thank you/);
  });

  it('one wording per term whatever its case: the language list wins over the shared one', () => {
    const f = text('Hallo {{1}}, bitte melden Sie sich ASAP bei uns.', 'de', 'UTILITY').find((x) => x.rule === 'abbreviation');
    expect(f!.suggestion).toBe('ausschreiben: "so bald wie möglich"');
  });

  it('counts in the advice take the plural of their language ("1 carácter", "2 caracteres")', () => {
    const one = text(`Hola {{1}}, ${'x'.repeat(1004)} gracias.`, 'es').find((x) => x.rule === 'length');
    expect(one!.suggestion).toBe('acórtalo en 1 carácter');
    const en = text(`Hello {{1}}, ${'x'.repeat(1004)} thanks.`, 'en').find((x) => x.rule === 'length');
    expect(en!.suggestion).toBe('shorten it by 1 character');
  });
});
