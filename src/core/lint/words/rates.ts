/** Words that make a percentage a rate or a tax, never a discount ("4% interest", "5,5 % Zinsen", "19 % MwSt", "20% VAT"), in the nine languages. */
export const RATE_TERMS: readonly string[] = [
  // en
  'interest', 'interest rate', 'rate', 'apr', 'apy', 'p.a.', 'per annum', 'per year', 'a year', 'annually', 'yield', 'vat', 'tax', 'taxes', 'sales tax', 'gst',
  // de
  'zinsen', 'zins', 'zinssatz', 'effektivzins', 'sollzins', 'rendite', 'mwst', 'ust', 'mehrwertsteuer', 'umsatzsteuer', 'steuer', 'jährlich',
  // es
  'interés', 'intereses', 'tasa', 'tae', 'tin', 'iva', 'rendimiento', 'anual', 'impuesto', 'impuestos',
  // pt
  'juros', 'taxa', 'taxa de juros', 'rendimento', 'ao ano', 'a.a.', 'ao mês', 'a.m.', 'cdi', 'imposto', 'impostos',
  // fr
  'intérêt', 'intérêts', 'taux', 'taeg', 'tva', 'rendement', 'par an', 'annuel', 'taxe', 'taxes',
  // it
  'interessi', 'interesse', 'tasso', 'tan', 'rendimento', "all'anno", 'annuo', 'imposta',
  // id
  'bunga', 'suku bunga', 'pajak', 'ppn', 'per tahun', 'imbal hasil',
  // tr
  'faiz', 'faiz oranı', 'kdv', 'vergi', 'getiri', 'yıllık',
  // zh
  '利息', '利率', '年化', '年利率', '增值税', '增值稅', '税', '稅', '收益', '收益率',
];
