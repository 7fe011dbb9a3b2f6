/** Chinese word lists (no word boundaries in Chinese: terms match as substrings). */
import type { LanguageWords } from '../types.js';

/** Chinese word lists. */
export const zh: LanguageWords = {
  abbreviations: {
    pls: '请',
    thx: '谢谢',
  },
  discountWords: ['折', '折扣', '优惠', '减', '立减', '特价', '促销'],
  promotional: ['优惠', '折扣', '打折', '促销', '特价', '限时', '立即购买', '马上抢购', '抢购', '独家', '不要错过', '免费', '优惠券', '秒杀', '双十一'],
  sensitive: ['银行卡号', '卡号', '密码', '验证码', '身份证号', '身份证号码', '账号', '护照号'],
  requestVerbs: ['发送', '回复', '提供', '告诉', '输入', '确认', '分享', '填写'],
  negations: ['不要', '请勿', '切勿', '绝不', '不会'],
};
