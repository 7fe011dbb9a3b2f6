/** Spanish word lists. */
import type { LanguageWords } from '../types.js';

/** Spanish word lists. */
export const es: LanguageWords = {
  abbreviations: {
    xq: 'porque',
    pq: 'porque',
    q: 'que',
    tb: 'también',
    tmb: 'también',
    xfa: 'por favor',
    porfa: 'por favor',
    bss: 'besos',
    msj: 'mensaje',
    dto: 'descuento',
  },
  discountWords: ['descuento', 'dto', 'rebaja', 'rebajas', 'ahorra', 'ahorro', 'menos', 'oferta', 'promoción'],
  promotional: ['oferta', 'ofertas', 'descuento', 'promoción', 'cupón', 'compra ahora', 'compra ya', 'solo hoy', 'tiempo limitado', 'exclusivo', 'no te pierdas', 'gratis', 'rebajas', 'liquidación'],
  sensitive: ['número de tarjeta', 'contraseña', 'clave', 'PIN', 'DNI', 'número de cuenta', 'pasaporte', 'datos bancarios'],
  requestVerbs: ['envía', 'envíe', 'envíanos', 'responde', 'responda', 'comparte', 'comparta', 'confirma', 'confirme', 'ingresa', 'ingrese', 'indícanos', 'proporciona'],
  negations: ['nunca', 'no', 'jamás', 'nadie'],
};
