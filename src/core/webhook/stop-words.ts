/** Opt-out words in the languages our customers write in (data: extend with care, matched as the whole message). */

/** Whole messages that mean "stop messaging me", in lower case. */
export const STOP_WORDS = [
  'stop', 'stopp', 'stop all', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'opt out', 'optout', 'opt-out',
  'abmelden', 'abbestellen', 'austragen', 'keine werbung',
  'baja', 'darme de baja', 'dar de baja', 'cancelar', 'no más', 'no mas',
  'sair', 'parar', 'descadastrar', 'cancelar inscrição',
  'arret', 'arrêt', 'desabonner', 'désabonner', 'se désabonner', 'stop pub',
  'disiscrivi', 'disiscriviti', 'cancellami', 'basta',
  'berhenti', 'stop langganan', 'batal',
  'durdur', 'iptal', 'abonelikten çık',
  '退订', '取消订阅', '退订阅', '取消', 'td',
];

const NORMALISED = new Set(STOP_WORDS.map((w) => normalise(w)));

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s.!。！,，]+/gu, ' ').trim();
}

/** Is this inbound text an opt-out (the whole message is a stop word)? */
export function isStopMessage(text: string | undefined): boolean {
  if (!text) return false;
  return NORMALISED.has(normalise(text));
}
