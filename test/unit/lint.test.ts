import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../../src/core/lint/engine.js';
import { findTerms, findVariables, fold } from '../../src/core/lint/text.js';
import type { Template } from '../../src/core/lint/types.js';
import { loadTemplateFile, fromText } from '../../src/io/templates.js';
import { fixtures } from '../helpers.js';

const dir = (d: string) => join(fixtures, 'templates', d);
const lintText = (text: string, language = 'en', category = 'MARKETING') => {
  const { template, source } = fromText(text, '<text>', { language, category });
  return lintTemplate(template, source).findings;
};
const rulesOf = (text: string, language?: string, category?: string) => lintText(text, language, category).map((f) => f.rule);

describe('lint corpus', () => {
  const clean = readdirSync(dir('clean'));
  it.each(clean)('clean template %s passes without a single finding', (file) => {
    for (const { template, source } of loadTemplateFile(join(dir('clean'), file), {})) {
      expect(lintTemplate(template, source).findings).toEqual([]);
    }
  });

  const faulty = readdirSync(dir('faulty')).filter((f) => !['invalid.json', 'not-a-template.json'].includes(f));
  it.each(faulty)('faulty template %s is caught by its rule', (file) => {
    const rule = file.replace(/\.json$/, '').replace(/-(de|es|tr|zh|pt|minus|text|braces)$/, '');
    const [{ template, source }] = loadTemplateFile(join(dir('faulty'), file), {});
    const findings = lintTemplate(template, source).findings;
    expect(findings.map((f) => f.rule)).toContain(rule);
  });
});

describe('rules', () => {
  it.each([
    ['30% off everything this weekend', 'en'],
    ['Save 30 % on shoes', 'en'],
    ['Nur heute 30 % Rabatt', 'de'],
    ['Jetzt 30% reduziert', 'de'],
    ['hasta 50% de descuento', 'es'],
    ['50% de desconto em tudo', 'pt'],
    ['-20 % sur tout le magasin', 'fr'],
    ['sconto del 40% su tutto', 'it'],
    ['diskon 25% untuk semua produk', 'id'],
    ['tüm ürünlerde %20 indirim', 'tr'],
    ['全场8折', 'zh'],
    ['全场八折优惠', 'zh'],
    ['３０％ off today', 'en'],
    ['{{1}}% off your next order', 'en'],
  ])('flags the discount in "%s" (%s)', (text, lang) => {
    expect(rulesOf(`Hello {{1}}, ${text} in our shop.`, lang)).toContain('discount-percentage');
  });

  it.each([
    ['Your battery is at 30% and charging.', 'en'],
    ['Your profile is 80 % complete.', 'en'],
    ['Ihr Akku ist zu 30 % geladen.', 'de'],
    ['La batería está al 20%.', 'es'],
    // A rate or a tax is not a discount, even with a discount word further off in the sentence.
    ['Your savings account now earns 4% interest.', 'en'],
    ['Your loan rate changes to 5.5% APR from next month.', 'en'],
    ['Ihr Sparkonto wird mit 3 % Zinsen verzinst.', 'de'],
    ['Sonderaktion beendet: alle Preise inkl. 19 % MwSt.', 'de'],
    ['Su cuenta de ahorro rinde un 2% TAE.', 'es'],
    ['Sua poupança rende 0,5% ao mês.', 'pt'],
    ['Votre livret rapporte 3 % d\'intérêts par an.', 'fr'],
    ['Il conto risparmio offre un tasso del 2%.', 'it'],
    ['Tabungan Anda mendapat bunga 3% per tahun.', 'id'],
    ['Mevduat hesabınıza %40 faiz uygulanır.', 'tr'],
  ])('does not flag a percentage that is not a discount: "%s"', (text, lang) => {
    expect(rulesOf(`Hello {{1}}, ${text} Thank you.`, lang, 'UTILITY')).toEqual([]);
  });

  it('takes a discount word as the percentage\'s only in its clause, a few words from it', () => {
    const discounts = (text: string, lang = 'en') => lintText(text, lang).filter((f) => f.rule === 'discount-percentage').map((f) => f.excerpt);
    expect(discounts('Hallo {{1}}, 30 % Rabatt, 100% sicher, nur heute.', 'de')).toEqual(['30 %']);
    expect(discounts('Hi {{1}}, get a discount of up to 30% on all shoes today.')).toEqual(['30%']);
    expect(discounts('Hi {{1}}, save 5% on your loan with an APR of 3.9% this month.')).toEqual(['5%']);
    expect(discounts('Hi {{1}}, our sale starts today and the survey says 90% of our customers love the new shop design.')).toEqual([]);
    expect(discounts('Hi {{1}}, earn 4% cashback on every purchase this week.')).toEqual(['4%']);
  });

  it.each([
    ['Hi {{1}}, please update your password in the app if you have not done so yet.', 'en'],
    ['Olá {{1}}, confirme seu CPF no app para liberar o pedido. Obrigado!', 'pt'],
    ['Hallo {{1}}, bitte bestätigen Sie Ihre Kontonummer im Kundenportal. Danke!', 'de'],
    ['Hola {{1}}, confirma tu número de tarjeta en la app antes del viernes. Gracias.', 'es'],
  ])('sensitive-data: a request to do it in the app or on the website asks nothing in the chat: "%s"', (text, lang) => {
    expect(rulesOf(text, lang, 'UTILITY')).not.toContain('sensitive-data');
  });

  it.each([
    ['Olá {{1}}, envie o número do seu CPF para concluir o cadastro. Obrigado!', 'pt'],
    ['Hi {{1}}, reply with your card number to finish the payment. Thanks.', 'en'],
    ['Hallo {{1}}, bitte senden Sie uns Ihre IBAN für die Erstattung. Danke!', 'de'],
  ])('sensitive-data: a request in the chat is still one: "%s"', (text, lang) => {
    expect(rulesOf(text, lang, 'UTILITY')).toContain('sensitive-data');
  });

  it.each([
    ['Hi {{1}}, your verification code is {{2}}. It expires in 10 minutes.', 'en', 'UTILITY'],
    ['Your OTP for login is {{1}}. Thanks, ACME.', 'en', 'UTILITY'],
    ['Hi {{1}}, use the one-time code {{2}} to log in. Enjoy our spring collection!', 'en', 'MARKETING'],
    ['Hallo {{1}}, Ihr Verifizierungscode lautet {{2}}. Er ist 10 Minuten gültig.', 'de', 'UTILITY'],
    ['Hola {{1}}, tu código de verificación es {{2}}. Caduca en 10 minutos.', 'es', 'UTILITY'],
    ['您好 {{1}}，您的验证码是 {{2}}，10分钟内有效。', 'zh', 'UTILITY'],
  ])('one-time-code: a code delivered outside AUTHENTICATION: "%s"', (text, lang, category) => {
    expect(rulesOf(text, lang, category)).toContain('one-time-code');
  });

  it.each([
    ['Hi {{1}}, never share your verification code with anyone, not even with us.', 'UTILITY'],
    ['Hi {{1}}, enter the verification code we sent you by SMS to finish sign-up.', 'UTILITY'],
    ['Hello {{1}}, your card security code was updated on {{2}}. Thanks.', 'UTILITY'],
    ['Hi {{1}}, your booking reference is {{2}}. See you on {{3}}!', 'UTILITY'],
    ['Hi {{1}}, the passcode for locker {{2}} is {{3}}. Pick up your parcel by Friday.', 'UTILITY'],
    ['Your verification code is {{1}}. Do not share it.', 'AUTHENTICATION'],
  ])('one-time-code: no code delivered, or in AUTHENTICATION: "%s"', (text, category) => {
    expect(rulesOf(text, 'en', category)).not.toContain('one-time-code');
  });

  it.each([
    ['Dr. Smith will see you at 10:30.'],
    ['Customers in the U.S. get free returns by mail, e.g. with the label.'],
    ['Download invoice.pdf from your account.'],
    ['Write to support@example.com with any questions.'],
    ['Call us on +49 30 1234567 if the time does not suit you.'],
    ['Your PIN will never be requested by us.'],
    ['We will never ask for your password.'],
  ])('raises nothing on ordinary text: "%s"', (text) => {
    expect(rulesOf(`Hello {{1}}, ${text} Thank you.`, 'en', 'UTILITY')).toEqual([]);
  });

  it('takes two capitals inside a sentence before a capitalised word as a name ("LG Fernseher", "DM Drogerie"), not as jargon', () => {
    const abbr = (text: string, lang = 'de') => lintText(text, lang, 'UTILITY').filter((f) => f.rule === 'abbreviation').map((f) => f.excerpt);
    expect(abbr('Hallo {{1}}, Ihr neuer LG Fernseher wurde heute versandt. Ihr MediaMarkt-Team')).toEqual([]);
    expect(abbr('Hi {{1}}, your DM Drogerie order {{2}} is ready. Thanks!', 'en')).toEqual([]);
    // Sign-offs and chat jargon stay: after a sentence, a comma or a line break, or before a lower-case word.
    expect(abbr('Hallo {{1}}, Ihre Bestellung {{2}} ist da. LG, Ihr Team')).toEqual(['LG']);
    expect(abbr('Hallo {{1}}, Ihre Bestellung {{2}} ist da. LG Anna')).toEqual(['LG']);
    expect(abbr('Hallo {{1}}, Ihre Bestellung {{2}} ist da. Danke, LG Anna')).toEqual(['LG']);
    expect(abbr('Hallo {{1}}, Ihre Bestellung {{2}} ist da.\nIhr Team\nLG Anna')).toEqual(['LG']);
    expect(abbr('Hi {{1}}, questions? Just DM us anytime. Thanks!', 'en')).toEqual(['DM']);
  });

  it('finds abbreviations with word boundaries, case rules and plurals', () => {
    const f = lintText('Hi {{1}}, VIPs and vip-members: thx! U.S. is fine, u is not.');
    expect(f.filter((x) => x.rule === 'abbreviation').map((x) => x.excerpt)).toEqual(['VIPs', 'vip', 'thx', 'u']);
  });

  it('positions findings by line and column with the excerpt', () => {
    const f = lintText('Hello {{1}},\nas a VIP you save 30% today.').filter((x) => x.rule !== 'promotional-in-utility');
    expect(f.map((x) => [x.rule, x.line, x.column, x.excerpt])).toEqual([
      ['abbreviation', 2, 6, 'VIP'],
      ['discount-percentage', 2, 19, '30%'],
    ]);
  });

  it('checks variable numbering, braces, position and adjacency', () => {
    expect(rulesOf('Hi {{1}}, order {{3}} is ready for you.')).toContain('variable-sequence');
    expect(rulesOf('Hi {{1}}, order {{1}} is ready for you.')).toContain('variable-sequence');
    expect(rulesOf('Hi {{1}, order ready for you.')).toContain('variable-sequence');
    expect(rulesOf('{{1}} your order is ready for you.')).toContain('variable-position');
    expect(rulesOf('Your order is ready, {{1}}')).toContain('variable-position');
    expect(rulesOf('Your order is ready, {{1}}.')).not.toContain('variable-position');
    expect(rulesOf('Dear {{1}}{{2}}, your order is ready.')).toContain('variable-adjacent');
  });

  it('checks NAMED variables', () => {
    const t: Template = {
      name: 'named_ok',
      language: 'en',
      category: 'UTILITY',
      parameter_format: 'NAMED',
      components: [{ type: 'BODY', text: 'Hi {{first_name}}, order {{Order-ID}} is ready.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } }],
    };
    const f = lintTemplate(t, { file: 'x.json', kind: 'json' }).findings;
    expect(f.map((x) => [x.rule, x.excerpt])).toEqual([
      ['variable-sequence', '{{Order-ID}}'],
      ['variable-example', '{{Order-ID}}'],
    ]);
  });

  it('asks for examples of every variable, including dynamic URL buttons', () => {
    const t: Template = {
      name: 'x',
      language: 'en',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped.', example: { body_text: [['Ana']] } },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://x.example.com/t/{{1}}' }] },
      ],
    };
    const f = lintTemplate(t, { file: 'x.json', kind: 'json' }).findings.filter((x) => x.rule === 'variable-example');
    expect(f.map((x) => x.component)).toEqual(['body', 'buttons[0].url']);
  });

  it('applies rule settings and per-template overrides', () => {
    const { template, source } = fromText('Hi {{1}}, as a VIP you get this first.', '<text>', { language: 'en', category: 'MARKETING' });
    expect(lintTemplate(template, source, { rules: { abbreviation: 'off' } }).findings).toEqual([]);
    expect(lintTemplate(template, source, { rules: { abbreviation: 'warn' } }).findings[0].severity).toBe('warning');
    const named = { ...template, name: 'vip_promo' };
    expect(lintTemplate(named, source, { templates: { vip_promo: { rules: { abbreviation: 'off' } } } }).findings).toEqual([]);
  });

  it('lets users extend and silence word lists', () => {
    const { template, source } = fromText('Hallo {{1}}, bitte antworte bis Fr. mit einem kurzen OK.', '<text>', { language: 'de', category: 'UTILITY' });
    expect(lintTemplate(template, source).findings).toEqual([]);
    const extended = lintTemplate(template, source, { words: { de: { abbreviations: { OK: 'in Ordnung' } } } }).findings;
    expect(extended.map((f) => f.excerpt)).toEqual(['OK']);
    const vip = fromText('Hi {{1}}, VIP access opens today for you.', '<text>', { language: 'en' });
    expect(lintTemplate(vip.template, vip.source, { words: { allow: ['VIP'] } }).findings).toEqual([]);
  });
});

describe('text helpers', () => {
  it('folds without changing length', () => {
    const t = 'Réduction ３０％ café';
    expect(fold(t).folded).toHaveLength(t.length);
    expect(fold(t).lower).toBe('reduction 30% cafe');
  });
  it('matches CJK terms without word boundaries', () => {
    expect(findTerms('请勿分享密码', ['密码']).map((m) => m.offset)).toEqual([4]);
  });
  it('finds well-formed and broken variables', () => {
    expect(findVariables('a {{1}} b {2}} c {{ 3 }} d {x}').map((v) => [v.raw, v.wellFormed])).toEqual([
      ['{{1}}', true],
      ['{2}}', false],
      ['{{ 3 }}', false],
    ]);
  });
});

describe('promotional-in-utility does not flag transactional wording', () => {
  it.each([
    'Hello {{1}}, save this message: it is your receipt for order {{2}}. Thank you.',
    'Hello {{1}}, we cannot offer a refund for order {{2}}, but our team will call you.',
    'Hello {{1}}, your invoice {{2}} is exclusive of VAT. Thank you for your payment.',
  ])('%s', (text) => {
    expect(rulesOf(text, 'en', 'UTILITY')).toEqual([]);
  });

  it('flags offers and percentage discounts in a utility template', () => {
    expect(rulesOf('Hello {{1}}, your order {{2}} shipped. Special offer: buy now!', 'en', 'UTILITY')).toContain('promotional-in-utility');
    // "20 %" is flagged once, by the more specific rule (a discount in a UTILITY template), not twice at one column.
    expect(rulesOf('Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs. Jetzt 20 % sparen.', 'de', 'UTILITY')).toEqual(['promotional-in-utility']);
    expect(rulesOf('Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs. Jetzt 20 % sparen.', 'de', 'MARKETING')).toEqual(['discount-percentage']);
  });
});
