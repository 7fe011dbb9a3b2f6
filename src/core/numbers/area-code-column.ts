/**
 * Lists that split the number in two columns: the area code ("Vorwahl", "area code", "DDD", "LADA")
 * and the rest ("Rufnummer", "phone"). Joined only when the pair is unambiguous: one such column,
 * right before the phone column, as exports write them; otherwise a note says what to do.
 */
import { normaliseHeader } from './columns.js';

/** Area code column names (normalised: case, accents, spaces, dashes and dots do not matter). */
const AREA_CODE_HEADERS = new Set(
  [
    // de
    'vorwahl', 'ortsvorwahl', 'vorwahl_telefon', 'telefon_vorwahl', 'tel_vorwahl', 'vorwahl_tel', 'vorwahl_handy', 'handy_vorwahl', 'mobil_vorwahl', 'vorwahl_mobil', 'vorwahlnummer',
    // en
    'area_code', 'areacode', 'phone_area_code', 'area_code_phone', 'mobile_area_code', 'std_code',
    // es (Mexico: LADA), pt (Brazil: DDD), it, id, tr, zh
    'prefijo', 'codigo_de_area', 'codigo_area', 'cod_area', 'lada', 'clave_lada', 'ddd', 'codigo_ddd', 'prefisso', 'prefisso_telefonico', 'kode_area', 'kode_wilayah', 'alan_kodu', '区号', '區號',
  ].map(normaliseHeader),
);

/** The area code column to join with the phone column (-1: none), or a note when one is there but not joined. */
export function pickAreaCodeColumn(header: string[], phoneIndex: number, countryIndex: number): { index: number; note?: string } {
  const found = header.flatMap((h, i) => (i !== phoneIndex && i !== countryIndex && AREA_CODE_HEADERS.has(normaliseHeader(h)) ? [i] : []));
  if (found.length === 0) return { index: -1 };
  if (found.length === 1 && found[0] === phoneIndex - 1) return { index: found[0] };
  const names = found.map((i) => `"${header[i]}"`).join(', ');
  return {
    index: -1,
    note: `${names} look${found.length === 1 ? 's' : ''} like an area code column, not joined with the phone column "${header[phoneIndex]}" (it is joined only when it stands right before it): put the whole number in one column, or move the area code column right before it`,
  };
}
