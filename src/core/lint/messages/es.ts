/** Lint advice in Spanish. */
import type { Catalogue } from './types.js';

const part = (c: string | number) => ({ body: 'cuerpo', header: 'encabezado', footer: 'pie', 'buttons.text': 'texto del botón', 'buttons.url': 'URL del botón' })[String(c)] ?? String(c);
const keep = (c: string | number) => `mantén el mensaje de ${String(c) === 'UTILITY' ? 'utilidad' : 'autenticación'} estrictamente transaccional, o envía la promoción como una plantilla MARKETING aparte`;
const recat = (cat: string | number) => `una plantilla ${cat} con contenido promocional se recategoriza como MARKETING (con precio y límites de marketing) o se rechaza`;

/** The lint findings' messages and suggestions in Spanish. */
export const es: Catalogue = {
  abbreviation: (p) => [`"${p.term}" es una abreviatura no estándar; se rechazan las plantillas que no están escritas con palabras claras y completas`, `escríbelo completo: "${p.plain}"`],
  'buttons.too-many': (p) => [`${p.count} botones: se permiten 10 como máximo`, 'quita botones o pasa las opciones a un mensaje de lista'],
  'buttons.type-max': (p) => [`más de ${p.max} botón/botones ${p.type}`, `usa como máximo ${p.max}`],
  'buttons.no-text': (p) => [`el botón ${p.n} no tiene texto`, 'ponle una etiqueta a cada botón'],
  'buttons.quick-replies': () => ['los botones de respuesta rápida deben ir juntos, no mezclados con botones de URL, teléfono o código', 'pon todas las respuestas rápidas primero (o al final) y después los demás botones'],
  'formatting.blank-lines': () => ['más de una línea en blanco seguida', 'deja como máximo una línea en blanco entre párrafos'],
  'formatting.spaces': () => ['5 o más espacios seguidos', 'usa un solo espacio (los valores con 5+ espacios también se rechazan al enviar)'],
  'formatting.tab': () => ['un tabulador', 'usa espacios'],
  'formatting.punctuation': () => ['puntuación excesiva', 'usa un solo "!" o "?"'],
  'formatting.capitals': () => ['el texto en mayúsculas se lee como un grito', 'escribe en minúsculas con mayúscula inicial'],
  'formatting.emoji-run': () => ['4 o más emojis seguidos', 'usa pocos emojis y con sentido'],
  'formatting.emoji-count': (p) => [`${p.count} emojis en el ${part(p.component)}`, 'usa solo unos pocos emojis'],
  'sensitive-data': (p) => [`la plantilla pide "${p.term}": pedir números de tarjeta, contraseñas o números de identidad por WhatsApp infringe las políticas de Meta y provoca el rechazo`, 'nunca pidas datos secretos en el chat: enlaza a tu web o app segura (botón de URL)'],
  'url-shortener': (p) => [`"${p.url}" usa el acortador ${p.host}; los enlaces acortados ocultan el destino y provocan el rechazo`, 'usa el enlace completo de tu propio dominio, mejor en un botón de URL'],
  'external-link': (p) => [`enlace "${p.url}" en el texto del ${part(p.component)}; los enlaces en el texto se revisan con rigor, no se pueden medir por botón y aumentan la señal de spam`, 'pasa el enlace a un botón de URL (un sufijo dinámico {{1}} puede llevar la parte de cada cliente)'],
  'variable.footer': () => ['el pie no puede contener variables', 'mueve la variable al cuerpo'],
  'variable.malformed': (p) => [`variable mal escrita "${p.raw}"`, 'escríbela como {{1}}: dos llaves, un número, sin espacios'],
  'variable.malformed-named': (p) => [`variable mal escrita "${p.raw}"`, 'escríbela como {{nombre}}: dos llaves, sin espacios, sin # $ %'],
  'variable.url-end': (p) => [`la variable ${p.raw} no está al final de la URL`, 'pon la parte fija (también ?utm_...) antes de la variable: Meta solo añade un sufijo a la URL'],
  'variable.url-count': (p) => [`un botón de URL admite una variable; hay ${p.count}`, 'deja una sola variable {{1}} al final de la URL'],
  'variable.header-count': (p) => [`un encabezado de texto admite una variable como máximo; hay ${p.count}`, 'deja una variable en el encabezado y mueve las demás al cuerpo'],
  'variable.named-invalid': (p) => [`"${p.raw}" no es un nombre de variable válido`, 'usa minúsculas, dígitos y guiones bajos, empezando por una letra, p. ej. {{first_name}}'],
  'variable.named-in-positional': (p) => [`"${p.raw}" es una variable con nombre pero la plantilla es POSITIONAL`, 'numera las variables {{1}}, {{2}} ... o pon "parameter_format": "NAMED"'],
  'variable.repeated': (p) => [`la variable ${p.raw} se usa más de una vez`, 'da a cada marcador su propio número y pasa el valor dos veces'],
  'variable.gaps': (p) => [`las variables deben ir de {{1}} a {{${p.max}}} sin huecos; falta ${p.missing}`, 'numera las variables en orden desde {{1}}'],
  'variable-example.named': (p) => [`no hay valor de ejemplo para {{${p.name}}} en ${p.field}`, `añade {"param_name": "${p.name}", "example": "..."} a ${p.field}`],
  'variable-example.positional': (p) => [`no hay valor de ejemplo para la variable {{${p.name}}} en ${p.field}`, `añade un ejemplo realista para cada variable: ${p.sample}`],
  'variable-example.media': (p) => [`el encabezado ${p.type} no tiene muestra en example.header_handle`, 'sube un archivo de muestra con la Resumable Upload API y añade su handle: "example": {"header_handle": ["4::..."]}'],
  'variable-example.url': (p) => ['el botón de URL dinámica no tiene URL de ejemplo', `añade "example": ["${p.example}"] al botón`],
  'variable.starts': (p) => [`el cuerpo empieza con la variable ${p.raw}`, 'empieza con una palabra, p. ej. "Hola {{1}}, ..."'],
  'variable.ends': (p) => [`el cuerpo termina con la variable ${p.raw}`, 'termina con una palabra o frase después de la variable, p. ej. "... {{2}}. ¡Gracias!"'],
  'variable.adjacent': (p) => [`${p.a}${p.b}: variables pegadas`, 'pon palabras entre las variables o únelas en una sola'],
  'variable.whitespace': (p) => [`${p.a} y ${p.b} solo están separadas por espacios`, 'pon palabras entre las variables o únelas en una sola'],
  'variable.density': (p) => [`${p.vars} variables para ${p.words} palabras de texto: la plantilla parece un formulario vacío`, 'escribe más texto fijo alrededor de las variables o usa menos variables'],
  'name.empty': (p) => ['la plantilla no tiene nombre', `llámala "${p.fixed}"`],
  'name.invalid': (p) => [`el nombre "${p.name}" solo puede tener minúsculas, dígitos y guiones bajos (512 como máximo)`, `renómbrala "${p.fixed}"`],
  length: (p) => [`${part(p.what)}: ${p.chars} caracteres, por encima del límite de Meta de ${p.max}`, `acórtalo en ${p.over} ${String(p.over) === '1' ? 'carácter' : 'caracteres'}`],
  'length.empty': () => ['el cuerpo está vacío', 'escribe el texto del mensaje'],
  'discount-percentage': (p) => [`"${p.text}" es un descuento porcentual: marca la plantilla como promocional y parece una promesa no verificable`, 'indica un importe u oferta concretos, p. ej. "10 EUR de descuento en compras desde 50 EUR", o usa un botón de código de cupón'],
  'promotional.discount': (p) => [`"${p.text}" es un descuento: ${recat(p.category)}`, keep(p.category)],
  'promotional.words': (p) => [`"${p.text}" es promocional: ${recat(p.category)}`, keep(p.category)],
  'one-time-code': (p) => [`"${p.text}" con una variable envía un código de un solo uso: Meta solo permite códigos en plantillas AUTHENTICATION, así que esta plantilla ${p.category} se rechaza`, 'envía los códigos con una plantilla AUTHENTICATION (texto predefinido, botón para copiar el código); deja esta sobre el pedido o la cuenta'],
};
