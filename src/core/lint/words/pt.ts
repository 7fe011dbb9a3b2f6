/** Portuguese word lists. */
import type { LanguageWords } from '../types.js';

/** Portuguese word lists. */
export const pt: LanguageWords = {
  abbreviations: {
    vc: 'você',
    vcs: 'vocês',
    pq: 'porque',
    tb: 'também',
    tbm: 'também',
    obg: 'obrigado',
    vlw: 'valeu / obrigado',
    blz: 'beleza',
    msg: 'mensagem',
    qdo: 'quando',
    hj: 'hoje',
  },
  discountWords: ['desconto', 'off', 'economize', 'economia', 'promoção', 'oferta', 'menos', 'cashback'],
  promotional: ['oferta', 'ofertas', 'desconto', 'promoção', 'cupom', 'compre agora', 'compre já', 'só hoje', 'tempo limitado', 'exclusivo', 'não perca', 'grátis', 'liquidação', 'black friday'],
  sensitive: ['número do cartão', 'senha', 'PIN', 'CPF', 'RG', 'dados bancários', 'número da conta', 'código de segurança', 'passaporte'],
  requestVerbs: ['envie', 'mande', 'responda', 'informe', 'compartilhe', 'confirme', 'digite', 'nos passe', 'forneça'],
  negations: ['nunca', 'não', 'jamais', 'ninguém'],
};
