/**
 * Meta's published per-message rate card for the WhatsApp Business Platform, in USD, as data.
 *
 * Source: Meta's rate card (developers.facebook.com/docs/whatsapp/pricing, "Rates" CSV in USD),
 * the edition effective 2026-01-01. Meta prices by the recipient's country calling code: a market is
 * either one country or a regional group ("Rest of ..."), and every country not listed in a group
 * is "Other". Markets split out of their group after that date (Meta announces these a quarter
 * ahead) keep their group's rate here; put newer figures in wa-ops.config.json ("pricing").
 */

/** Marketing, utility, authentication: USD per delivered template message. */
export type RateTriple = [marketing: number, utility: number, authentication: number];

/** One market of Meta's rate card: its name, prices, and the countries billed at them. */
export interface RateCardMarket {
  /** Meta's market name, as printed on the rate card. */
  market: string;
  rates: RateTriple;
  /** ISO 3166-1 alpha-2 codes of the countries billed at this market's rates. */
  countries: string[];
}

/** The date the built-in rate card takes effect (shown next to every estimate). */
export const RATE_CARD_DATE = '2026-01-01';
/** The built-in rate card's currency. */
export const RATE_CARD_CURRENCY = 'USD';
/** Where the built-in prices come from, for the report's footnote. */
export const RATE_CARD_SOURCE = "Meta's WhatsApp Business Platform rate card (USD, effective 2026-01-01)";

/** Every market on the card, single countries first, then the regional groups, then Other. */
export const RATE_CARD: RateCardMarket[] = [
  { market: 'Argentina', rates: [0.0618, 0.026, 0.026], countries: ['AR'] },
  { market: 'Brazil', rates: [0.0625, 0.0068, 0.0068], countries: ['BR'] },
  { market: 'Chile', rates: [0.0889, 0.02, 0.02], countries: ['CL'] },
  { market: 'Colombia', rates: [0.0125, 0.0008, 0.0008], countries: ['CO'] },
  { market: 'Egypt', rates: [0.0644, 0.0036, 0.0036], countries: ['EG'] },
  { market: 'France', rates: [0.0859, 0.03, 0.03], countries: ['FR'] },
  { market: 'Germany', rates: [0.1365, 0.055, 0.055], countries: ['DE'] },
  { market: 'India', rates: [0.0118, 0.0014, 0.0014], countries: ['IN'] },
  { market: 'Indonesia', rates: [0.0411, 0.025, 0.025], countries: ['ID'] },
  { market: 'Israel', rates: [0.0353, 0.0053, 0.0053], countries: ['IL'] },
  { market: 'Italy', rates: [0.0691, 0.03, 0.03], countries: ['IT'] },
  { market: 'Malaysia', rates: [0.086, 0.014, 0.014], countries: ['MY'] },
  { market: 'Mexico', rates: [0.0305, 0.0085, 0.0085], countries: ['MX'] },
  { market: 'Netherlands', rates: [0.1597, 0.05, 0.05], countries: ['NL'] },
  { market: 'Nigeria', rates: [0.0516, 0.0067, 0.0067], countries: ['NG'] },
  { market: 'Pakistan', rates: [0.0473, 0.0054, 0.0054], countries: ['PK'] },
  { market: 'Peru', rates: [0.0703, 0.02, 0.02], countries: ['PE'] },
  { market: 'Russia', rates: [0.0802, 0.04, 0.04], countries: ['RU'] },
  { market: 'Saudi Arabia', rates: [0.0455, 0.0107, 0.0107], countries: ['SA'] },
  { market: 'South Africa', rates: [0.0379, 0.0076, 0.0076], countries: ['ZA'] },
  { market: 'Spain', rates: [0.0615, 0.02, 0.02], countries: ['ES'] },
  { market: 'Turkey', rates: [0.0109, 0.0053, 0.0053], countries: ['TR'] },
  { market: 'United Arab Emirates', rates: [0.0499, 0.0157, 0.0157], countries: ['AE'] },
  { market: 'United Kingdom', rates: [0.0529, 0.022, 0.022], countries: ['GB'] },
  { market: 'North America', rates: [0.025, 0.0034, 0.0034], countries: ['US', 'CA'] },
  {
    market: 'Rest of Africa',
    rates: [0.0225, 0.004, 0.004],
    countries: ['DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CM', 'TD', 'CG', 'ER', 'ET', 'GA', 'GM', 'GH', 'GW', 'CI', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW', 'ML', 'MR', 'MA', 'MZ', 'NA', 'NE', 'RW', 'SN', 'SL', 'SO', 'SS', 'SD', 'SZ', 'TZ', 'TG', 'TN', 'UG', 'ZM'],
  },
  {
    market: 'Rest of Asia Pacific',
    rates: [0.0732, 0.0113, 0.0113],
    countries: ['AF', 'AU', 'BD', 'KH', 'CN', 'HK', 'JP', 'LA', 'MN', 'NP', 'NZ', 'PG', 'PH', 'SG', 'LK', 'TW', 'TJ', 'TH', 'TM', 'UZ', 'VN'],
  },
  {
    market: 'Rest of Central & Eastern Europe',
    rates: [0.086, 0.0212, 0.0212],
    countries: ['AL', 'AM', 'AZ', 'BY', 'BG', 'HR', 'CZ', 'GE', 'GR', 'HU', 'LV', 'LT', 'MK', 'MD', 'PL', 'RO', 'RS', 'SK', 'SI', 'UA'],
  },
  {
    market: 'Rest of Latin America',
    rates: [0.074, 0.0113, 0.0113],
    countries: ['BO', 'CR', 'DO', 'EC', 'SV', 'GT', 'HT', 'HN', 'JM', 'NI', 'PA', 'PY', 'PR', 'UY', 'VE'],
  },
  { market: 'Rest of Middle East', rates: [0.0341, 0.0091, 0.0091], countries: ['BH', 'IQ', 'JO', 'KW', 'LB', 'OM', 'QA', 'YE'] },
  { market: 'Rest of Western Europe', rates: [0.0592, 0.0171, 0.0171], countries: ['AT', 'BE', 'DK', 'FI', 'IE', 'NO', 'PT', 'SE', 'CH'] },
];

/** Meta's "Other" market: every country the card does not name. */
export const OTHER_MARKET: Omit<RateCardMarket, 'countries'> = { market: 'Other', rates: [0.0604, 0.0077, 0.0077] };
