import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../src/core/lint/engine.js';
import type { Template } from '../../src/core/lint/types.js';
import { loadTemplateFile } from '../../src/io/templates.js';
import { toSarif } from '../../src/ui/lint/sarif.js';
import { columns } from '../../src/ui/lint/stylish.js';

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

describe('held-out templates: carousel cards and limited-time offers', () => {
  const carousel = (cardBody: string, url = 'https://loja.example.com.br/{{1}}'): Template => ({
    name: 'carrossel_produtos', language: 'pt_BR', category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Oi {{1}}! Confira nossas novidades da semana.', example: { body_text: [['Maria']] } },
      {
        type: 'CAROUSEL',
        cards: [
          { components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::a'] } }, { type: 'BODY', text: 'Tênis {{1}} por apenas R$ 199.', example: { body_text: [['Runner']] } }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Quero este' }] }] },
          { components: [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::b'] } }, { type: 'BODY', text: cardBody, example: { body_text: [['Trail']] } }, { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver', url, example: [url.replace('{{1}}', 'x')] }] }] },
        ],
      },
    ],
  });

  it('lints each card: a discount in a card body and a shortener in a card button are found and named by card', () => {
    const f = lint(carousel('Mochila {{1}} com 30 % de desconto hoje.', 'https://tinyurl.com/abc{{1}}'));
    expect(f.map((x) => [x.rule, x.component])).toEqual([
      ['discount-percentage', 'cards[1].body'],
      ['url-shortener', 'cards[1].buttons[0].url'],
    ]);
  });

  it('holds a card body to 160 characters and a clean carousel passes', () => {
    expect(lint(carousel('Mochila {{1}} resistente para trilhas.'))).toEqual([]);
    const long = lint(carousel(`Mochila {{1}} ${'muito resistente '.repeat(10)}para trilhas.`));
    expect(long.map((x) => [x.rule, x.component])).toEqual([['length', 'cards[1].body']]);
  });

  it('holds the limited-time offer text to 16 characters', () => {
    const t = (text: string): Template => ({
      name: 'oferta', language: 'es', category: 'MARKETING',
      components: [{ type: 'LIMITED_TIME_OFFER', limited_time_offer: { text, has_expiration: true } }, { type: 'BODY', text: 'Hola {{1}}, tu cupón vence pronto.', example: { body_text: [['Ana']] } }],
    });
    expect(lint(t('Expira pronto'))).toEqual([]);
    expect(lint(t('Oferta expira muy pronto')).map((x) => [x.rule, x.component])).toEqual([['length', 'limited_time_offer.text']]);
  });

  it('refuses cards of the wrong shape as an input error naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-cards-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'c', language: 'en', category: 'MARKETING', components: [{ type: 'CAROUSEL', cards: [{ components: [{ type: 'BODY', text: 5 }] }] }] }));
    expect(() => loadTemplateFile(file, {})).toThrow(/components\[0\]\.cards\[0\]\.components\[0\]\.text must be a string/);
  });
});

describe('held-out templates: positions of a text the file repeats', () => {
  it('points each finding at its own template in an array, not at the first template with the same text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-dup-'));
    const file = join(dir, 'dup.json');
    const body = 'Hi there, our VIP sale starts today in every store.';
    const one = (name: string, language: string) => ({ name, language, category: 'MARKETING', components: [{ type: 'BODY', text: body }] });
    writeFileSync(file, `[\n  ${JSON.stringify(one('a_one', 'en_US'))},\n  ${JSON.stringify(one('a_two', 'en_GB'))}\n]\n`);
    const lines = loadTemplateFile(file, {}).map(({ template, source }) => lintTemplate(template, source).findings[0].fileLine);
    expect(lines).toEqual([2, 3]);
  });

  it('points a finding in a card at that card, when two cards share a button text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-cards-'));
    const file = join(dir, 'c.json');
    const card = (text: string) => ({ components: [{ type: 'BODY', text: 'Modelo {{1}} em estoque.', example: { body_text: [['X']] } }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text }] }] });
    const t = { name: 'c', language: 'pt_BR', category: 'MARKETING', components: [{ type: 'BODY', text: 'Oi {{1}}, veja as novidades.', example: { body_text: [['Maria']] } }, { type: 'CAROUSEL', cards: [card('Quero este modelo agora mesmo'), card('Quero este modelo agora mesmo')] }] };
    writeFileSync(file, JSON.stringify(t, null, 2));
    const [{ template, source }] = loadTemplateFile(file, {});
    const f = lintTemplate(template, source).findings.filter((x) => x.rule === 'length');
    const raw = JSON.stringify(t, null, 2).split('\n');
    const textLines = raw.flatMap((l, i) => (l.includes('Quero este modelo') ? [i + 1] : []));
    expect(f.map((x) => [x.component, x.fileLine])).toEqual([['cards[0].buttons[0].text', textLines[0]], ['cards[1].buttons[0].text', textLines[1]]]);
  });
});

describe('held-out templates: percentages written out, and in Hindi and Arabic', () => {
  const body = (text: string, language: string, category = 'MARKETING'): Template => ({ name: 'p', language, category, components: [{ type: 'BODY', text }] });
  const found = (text: string, language: string, category?: string) => lint(body(text, language, category)).filter((f) => f.rule === 'discount-percentage' || f.rule === 'promotional-in-utility').map((f) => [f.rule, f.excerpt]);

  it.each([
    ['Hallo Jana, jetzt 20 Prozent Rabatt im Shop.', 'de', '20 Prozent'],
    ['Hallo Jana, jetzt 20 % auf alles im Shop.', 'de', '20 %'],
    ['Hi Sam, take 20 percent off your next order.', 'en', '20 percent'],
    ['Merhaba Ayşe, yüzde 20 indirim seni bekliyor.', 'tr', 'yüzde 20'],
    ['Halo Budi, diskon 20 persen untuk semua produk.', 'id', '20 persen'],
    ['مرحباً أحمد، خصم ٢٠٪ على طلبك القادم! شكراً', 'ar', '٢٠٪'],
    ['नमस्ते राहुल, 20% छूट पाने के लिए अभी खरीदें! धन्यवाद।', 'hi', '20%'],
  ])('flags the discount in "%s" (%s)', (text, language, excerpt) => {
    expect(found(text, language)).toEqual([['discount-percentage', excerpt]]);
  });

  it('flags a discount in a Hindi or Arabic UTILITY template as promotional', () => {
    expect(found('नमस्ते {{1}}, आपका ऑर्डर भेज दिया गया है। 20% छूट पाने के लिए अभी खरीदें! धन्यवाद।', 'hi', 'UTILITY')).toEqual([['promotional-in-utility', '20%']]);
    expect(found('مرحباً {{1}}، طلبك في الطريق إليك. خصم 20% على طلبك القادم! شكراً', 'ar', 'UTILITY')).toEqual([['promotional-in-utility', '20%']]);
  });

  it.each([
    ['Hallo Jana, der Akku ist zu 20 Prozent geladen.', 'de'],
    ['Hi Sam, your loan is at 4 percent interest.', 'en'],
    ['Hi Sam, our juice is 100 percent natural.', 'en'],
    ['नमस्ते राहुल, आपकी बैटरी 20% है। धन्यवाद।', 'hi'],
    ['مرحباً أحمد، تم شحن 20% من طلبك. شكراً', 'ar'],
  ])('leaves "%s" (%s) alone', (text, language) => {
    expect(found(text, language)).toEqual([]);
  });
});

describe('held-out templates: SARIF regions over multi-byte text', () => {
  const sarifRegions = (fileText: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-sarif-'));
    const file = join(dir, 't.json');
    writeFileSync(file, fileText);
    const results = loadTemplateFile(file, {}).map(({ template, source }) => lintTemplate(template, source));
    const log = toSarif(results, '0.0.0', dir) as { runs: { columnKind: string; results: { locations: { physicalLocation: { region: Record<string, unknown> } }[] }[] }[] };
    return { kind: log.runs[0].columnKind, regions: log.runs[0].results.map((r) => r.locations[0].physicalLocation.region) };
  };
  const cut = (fileText: string, r: Record<string, unknown>) => fileText.replace(/^\ufeff/, '').split('\n')[(r.startLine as number) - 1].slice((r.startColumn as number) - 1, (r.endColumn as number) - 1);

  it('spans exactly the flagged text after emoji, escapes and a byte-order mark (UTF-16 columns, as declared)', () => {
    const body = 'Hallo {{1}} 🌸\\u00fc, nur heute 20 % Rabatt auf alles 😊 im Shop.';
    const fileText = `\ufeff{"name":"a","language":"de","category":"MARKETING","components":[{"type":"BODY","text":"${body}","example":{"body_text":[["Jana"]]}}]}`;
    const { kind, regions } = sarifRegions(fileText);
    expect(kind).toBe('utf16CodeUnits');
    expect(regions).toHaveLength(1);
    expect(regions[0]).toMatchObject({ startLine: 1, endLine: 1, snippet: { text: '20 %' } });
    expect(cut(fileText, regions[0])).toBe('20 %');
  });
});

describe('held-out templates: media headers', () => {
  it('asks for the sample file of an IMAGE, VIDEO or DOCUMENT header (not of LOCATION), placed on its format in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-media-'));
    const file = join(dir, 'm.json');
    const t = (format: string, example?: object) => ({ name: `m_${format.toLowerCase()}`, language: 'de', category: 'MARKETING', components: [{ type: 'HEADER', format, ...(example ? { example } : {}) }, { type: 'BODY', text: 'Hallo {{1}}, die neue Kollektion ist da.', example: { body_text: [['Jana']] } }] });
    const list = [t('IMAGE'), t('VIDEO'), t('DOCUMENT', { header_handle: ['4::aGFuZGxl'] }), t('LOCATION')];
    writeFileSync(file, `[\n${list.map((x) => JSON.stringify(x)).join(',\n')}\n]\n`);
    const found = loadTemplateFile(file, {}).map(({ template, source }) => lintTemplate(template, source).findings.map((f) => [f.rule, f.component, f.excerpt, f.fileLine, f.message]));
    expect(found).toEqual([
      [['variable-example', 'header', 'IMAGE', 2, 'die IMAGE-Kopfzeile hat kein Beispiel in example.header_handle']],
      [['variable-example', 'header', 'VIDEO', 3, 'die VIDEO-Kopfzeile hat kein Beispiel in example.header_handle']],
      [],
      [],
    ]);
  });
});

describe('held-out templates: a button without a label', () => {
  it('is placed on that button in the file, not at 1:1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-btn-'));
    const file = join(dir, 'b.json');
    writeFileSync(file, '{"name":"b","language":"en","category":"MARKETING","components":[\n{"type":"BODY","text":"Hello there, new arrivals are in the shop."},\n{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Yes"},\n  {"type":"QUICK_REPLY"}]}]}\n');
    const [{ template, source }] = loadTemplateFile(file, {});
    expect(lintTemplate(template, source).findings.map((f) => [f.rule, f.fileLine, f.fileColumn])).toEqual([['buttons', 4, 12]]);
  });
});

describe('held-out templates: English text-speak', () => {
  it('flags tmrw, bc and thru, and leaves BC Hydro alone', () => {
    const f = lint({ name: 'a', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi there, your visit is tmrw at 10am bc the clinic moved it, open Mon thru Fri. Thanks' }] });
    expect(f.map((x) => x.excerpt)).toEqual(['tmrw', 'bc', 'thru']);
    expect(lint({ name: 'a', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi there, your BC Hydro bill is ready. Thanks' }] })).toEqual([]);
  });
});

describe('held-out templates: carets under emoji and combining marks', () => {
  it('counts terminal columns per character as seen: emoji and ZWJ families two, a combining accent none', () => {
    expect(columns('🎉🎉')).toBe(4);
    expect(columns('👨‍👩‍👧')).toBe(2);
    expect(columns('🇩🇪')).toBe(2);
    expect(columns('❤️')).toBe(2);
    expect(columns('Cafe\u0301')).toBe(4);
    expect(columns('全场')).toBe(4);
    expect(columns('© ™')).toBe(3);
  });
});

describe('held-out templates: the variable of a URL button', () => {
  const withUrl = (url: string): Template => ({
    name: 'u', language: 'en_US', category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Hi {{1}}, your personal picks are waiting.', example: { body_text: [['Sam']] } }, { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'See picks', url, example: [url.replace(/\{\{\d+\}\}/g, 'x')] }] }],
  });
  it('must be one, at the end of the URL (Meta appends a suffix)', () => {
    expect(lint(withUrl('https://shop.example.com/{{1}}?utm_source=whatsapp')).map((f) => [f.rule, f.excerpt, f.message])).toEqual([['variable-sequence', '{{1}}', 'the variable {{1}} is not at the end of the URL']]);
    expect(lint(withUrl('https://shop.example.com/t/{{1}}/{{2}}')).map((f) => [f.rule, f.excerpt])).toEqual([['variable-sequence', '{{2}}']]);
    expect(lint(withUrl('https://shop.example.com/p?utm_source=whatsapp&id={{1}}'))).toEqual([]);
  });
});

describe('held-out templates: transactional phrases with "sale"', () => {
  const utility = (text: string): Template => ({ name: 'r', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text, example: { body_text: [['Ana', 'A1']] } }] });
  it('leaves a point-of-sale receipt and a bill of sale alone, and still flags a sale', () => {
    expect(lint(utility('Hi {{1}}, here is your point of sale receipt for order {{2}}. Thanks'))).toEqual([]);
    expect(lint(utility('Hi {{1}}, the bill of sale for car {{2}} is attached. Thanks'))).toEqual([]);
    expect(lint(utility('Hi {{1}}, our summer sale starts with order {{2}}. Thanks')).map((f) => [f.rule, f.excerpt])).toEqual([['promotional-in-utility', 'sale']]);
  });
});

describe('held-out templates: an export saved as UTF-16 (PowerShell)', () => {
  it('is read, and findings point into it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-utf16-'));
    const file = join(dir, 'export.json');
    const text = JSON.stringify({ data: [{ name: 'kampanya_tr', language: 'tr', category: 'MARKETING', components: [{ type: 'BODY', text: 'Merhaba {{1}}, tüm ürünlerde %20 indirim seni bekliyor.', example: { body_text: [['Ayşe']] } }] }] }, null, 2).replace(/\n/g, '\r\n');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const [{ template, source }] = loadTemplateFile(file, {});
    const f = lintTemplate(template, source).findings;
    const line = text.split('\r\n').findIndex((l) => l.includes('%20')) + 1;
    expect(f.map((x) => [x.rule, x.excerpt, x.fileLine])).toEqual([['discount-percentage', '%20', line]]);
  });
});
