/** Opt-out words in the languages our customers write in (data: extend with care, matched as the whole message). */

/** Whole messages that mean "stop messaging me", in lower case. */
export const STOP_WORDS = [
  'stop', 'stopp', 'stop all', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'opt out', 'optout', 'opt-out', 'revoke',
  'abmelden', 'abbestellen', 'austragen', 'keine werbung',
  'baja', 'darme de baja', 'dar de baja', 'cancelar', 'no más', 'no mas',
  'sair', 'parar', 'pare', 'descadastrar', 'cancelar inscrição',
  'arret', 'arrêt', 'arrêter', 'arreter', 'desabonner', 'désabonner', 'se désabonner', 'désinscrire', 'desinscrire', 'désinscription', 'stop pub',
  'disiscrivi', 'disiscriviti', 'cancellami', 'basta',
  'berhenti', 'stop langganan', 'batal',
  'durdur', 'iptal', 'abonelikten çık',
  '退订', '取消订阅', '退订阅', '取消', 'td', '退訂', '取消訂閱',
  'afmelden', 'uitschrijven', 'stoppen', // Dutch
  'стоп', 'отписаться', 'отписка', 'отменить подписку', 'відписатися', // Russian, Ukrainian
  'إيقاف', 'ايقاف', 'توقف', 'إلغاء', 'الغاء', 'إلغاء الاشتراك', 'الغاء الاشتراك', 'لغو', // Arabic, Persian
  'wypisz', 'wypisz mnie', 'rezygnuję', 'rezygnuje', // Polish
  'avsluta', 'avmeld', 'afmeld', // Swedish, Norwegian, Danish
  'बंद', 'बंद करो', 'रोकें', // Hindi
  '停止', '配信停止', '中止', // Japanese
  '중지', '수신거부', '수신 거부', // Korean
  'dừng', 'hủy', 'หยุด', 'ยกเลิก', // Vietnamese, Thai
  'הסר', 'הפסק', 'διαγραφή', // Hebrew, Greek
];

/**
 * Labels of a template's marketing opt-out quick-reply button: Meta's template editor adds "Stop promotions" when the
 * opt-out is switched on, and the business must honour a tap (no user_preferences webhook follows it). "Stop" or
 * "Cancel" alone are not here: as buttons they answer a question ("cancel the appointment?").
 */
export const OPT_OUT_BUTTONS = [
  'stop promotions', 'stop promotion', 'stop marketing', 'stop marketing messages', 'unsubscribe', 'opt out', 'opt-out',
  'keine werbung', 'werbung stoppen', 'werbung abbestellen', 'abmelden', 'abbestellen',
  'detener promociones', 'darme de baja', 'dar de baja', 'parar promoções', 'descadastrar', 'cancelar inscrição',
  'arrêter les promotions', 'se désabonner', 'désabonner', 'interrompi promozioni', 'disiscriviti', 'stop promoties', 'afmelden',
];

const NORMALISED = new Set(STOP_WORDS.map((w) => normalise(w)));
const BUTTONS = new Set(OPT_OUT_BUTTONS.map((w) => normalise(w)));

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s.!。！,，]+/gu, ' ').trim();
}

/** Is this the label of a tapped template button that opts out of marketing? */
export function isOptOutButton(label: string | undefined): boolean {
  return label !== undefined && BUTTONS.has(normalise(label));
}

/** Is this inbound text an opt-out (the whole message is a stop word)? */
export function isStopMessage(text: string | undefined): boolean {
  if (!text) return false;
  return NORMALISED.has(normalise(text));
}
