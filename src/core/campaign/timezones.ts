/** The time zone a region's numbers are in: one zone for most, the most populous for regions with several. */

// [region, IANA zone, has several zones]
const TABLE: [string, string, boolean?][] = [
  ['AE', 'Asia/Dubai'], ['AR', 'America/Argentina/Buenos_Aires'], ['AT', 'Europe/Vienna'], ['AU', 'Australia/Sydney', true], ['BD', 'Asia/Dhaka'],
  ['BE', 'Europe/Brussels'], ['BG', 'Europe/Sofia'], ['BO', 'America/La_Paz'], ['BR', 'America/Sao_Paulo', true], ['CA', 'America/Toronto', true],
  ['CH', 'Europe/Zurich'], ['CL', 'America/Santiago', true], ['CN', 'Asia/Shanghai'], ['CO', 'America/Bogota'], ['CR', 'America/Costa_Rica'],
  ['CZ', 'Europe/Prague'], ['DE', 'Europe/Berlin'], ['DK', 'Europe/Copenhagen'], ['DO', 'America/Santo_Domingo'], ['DZ', 'Africa/Algiers'],
  ['EC', 'America/Guayaquil', true], ['EE', 'Europe/Tallinn'], ['EG', 'Africa/Cairo'], ['ES', 'Europe/Madrid', true], ['FI', 'Europe/Helsinki'],
  ['FR', 'Europe/Paris'], ['GB', 'Europe/London'], ['GG', 'Europe/Guernsey'], ['GH', 'Africa/Accra'], ['GR', 'Europe/Athens'], ['GT', 'America/Guatemala'],
  ['HK', 'Asia/Hong_Kong'], ['HN', 'America/Tegucigalpa'], ['HR', 'Europe/Zagreb'], ['HU', 'Europe/Budapest'], ['ID', 'Asia/Jakarta', true],
  ['IE', 'Europe/Dublin'], ['IL', 'Asia/Jerusalem'], ['IM', 'Europe/Isle_of_Man'], ['IN', 'Asia/Kolkata'], ['IQ', 'Asia/Baghdad'], ['IT', 'Europe/Rome'],
  ['JE', 'Europe/Jersey'], ['JO', 'Asia/Amman'], ['JP', 'Asia/Tokyo'], ['KE', 'Africa/Nairobi'], ['KR', 'Asia/Seoul'], ['KW', 'Asia/Kuwait'],
  ['KZ', 'Asia/Almaty', true], ['LB', 'Asia/Beirut'], ['LK', 'Asia/Colombo'], ['LT', 'Europe/Vilnius'], ['LU', 'Europe/Luxembourg'], ['LV', 'Europe/Riga'],
  ['MA', 'Africa/Casablanca'], ['MX', 'America/Mexico_City', true], ['MY', 'Asia/Kuala_Lumpur'], ['NG', 'Africa/Lagos'], ['NL', 'Europe/Amsterdam'],
  ['NO', 'Europe/Oslo'], ['NP', 'Asia/Kathmandu'], ['NZ', 'Pacific/Auckland'], ['OM', 'Asia/Muscat'], ['PA', 'America/Panama'], ['PE', 'America/Lima'],
  ['PH', 'Asia/Manila'], ['PK', 'Asia/Karachi'], ['PL', 'Europe/Warsaw'], ['PR', 'America/Puerto_Rico'], ['PT', 'Europe/Lisbon', true], ['PY', 'America/Asuncion'],
  ['QA', 'Asia/Qatar'], ['RO', 'Europe/Bucharest'], ['RS', 'Europe/Belgrade'], ['RU', 'Europe/Moscow', true], ['SA', 'Asia/Riyadh'], ['SE', 'Europe/Stockholm'],
  ['SG', 'Asia/Singapore'], ['SI', 'Europe/Ljubljana'], ['SK', 'Europe/Bratislava'], ['SV', 'America/El_Salvador'], ['TH', 'Asia/Bangkok'], ['TN', 'Africa/Tunis'],
  ['TR', 'Europe/Istanbul'], ['TW', 'Asia/Taipei'], ['TZ', 'Africa/Dar_es_Salaam'], ['UA', 'Europe/Kyiv'], ['UG', 'Africa/Kampala'], ['US', 'America/New_York', true],
  ['UY', 'America/Montevideo'], ['UZ', 'Asia/Tashkent'], ['VE', 'America/Caracas'], ['VN', 'Asia/Ho_Chi_Minh'], ['ZA', 'Africa/Johannesburg'], ['ZW', 'Africa/Harare'],
];

const BY_REGION = new Map(TABLE.map(([r, zone, multi]) => [r, { zone, multi: Boolean(multi) }]));

/** The zone for a region: exact, or the most populous of several (multi), or unknown. */
export function zoneFor(region: string | undefined): { zone: string; multi: boolean } | undefined {
  return region ? BY_REGION.get(region) : undefined;
}
