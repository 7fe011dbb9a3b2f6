/**
 * The plain wording of the shared jargon (common.ts) in each language of the word lists, so that a
 * German template is told "ausschreiben: "bitte"", not the English expansion.
 */

const remove: Record<string, string> = { de: '(streichen)', es: '(quitar)', pt: '(remover)', fr: '(à supprimer)', it: '(da togliere)', id: '(hapus)', tr: '(kaldırın)', zh: '（删除）' };

const PLAIN: Record<string, [vip: string, asap: string, fyi: string, btw: string, please: string, thanks: string]> = {
  de: ['geschätzte Kundinnen und Kunden / unsere besten Kunden', 'so bald wie möglich', 'zur Information', 'übrigens', 'bitte', 'danke'],
  es: ['clientes preferentes / nuestros mejores clientes', 'lo antes posible', 'para tu información', 'por cierto', 'por favor', 'gracias'],
  pt: ['clientes especiais / nossos melhores clientes', 'o quanto antes', 'para sua informação', 'aliás', 'por favor', 'obrigado'],
  fr: ['clients privilégiés / nos meilleurs clients', 'dès que possible', 'pour information', 'au fait', "s'il vous plaît", 'merci'],
  it: ['clienti speciali / i nostri migliori clienti', 'il prima possibile', 'per tua informazione', 'a proposito', 'per favore', 'grazie'],
  id: ['pelanggan istimewa / pelanggan terbaik kami', 'secepatnya', 'sebagai informasi', 'omong-omong', 'mohon', 'terima kasih'],
  tr: ['değerli müşterilerimiz / en iyi müşterilerimiz', 'en kısa sürede', 'bilginize', 'bu arada', 'lütfen', 'teşekkürler'],
  zh: ['尊贵会员 / 我们的老顾客', '尽快', '供您参考', '另外', '请', '谢谢'],
};

/** The shared abbreviations with their plain wording in `lang`, or undefined for English and unknown languages. */
export function commonPlain(lang: string): Record<string, string> | undefined {
  const p = PLAIN[lang];
  if (!p) return undefined;
  const [vip, asap, fyi, btw, please, thanks] = p;
  return { VIP: vip, ASAP: asap, FYI: fyi, BTW: btw, pls: please, plz: please, thx: thanks, thnx: thanks, tks: thanks, LOL: remove[lang], OMG: remove[lang] };
}
