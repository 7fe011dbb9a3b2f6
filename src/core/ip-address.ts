/**
 * Numeric addresses, parsed rather than pattern-matched: an IPv6 address has many spellings
 * ([::ffff:127.0.0.1] is serialised by the URL parser as [::ffff:7f00:1]), and an IPv4 address can
 * hide inside one (mapped, compatible, NAT64, 6to4, Teredo). Pure; no DNS here.
 */

/** What kind of internal address an IP is; undefined for an ordinary public address. */
export type AddressKind = 'loopback' | 'private' | 'link-local' | 'unspecified';

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The four octets of a dotted IPv4 address, or undefined. */
export function parseV4(text: string): number[] | undefined {
  return V4.test(text) ? text.split('.').map(Number) : undefined;
}

/** The eight 16-bit groups of an IPv6 address (brackets and a zone id allowed), or undefined. */
export function parseV6(text: string): number[] | undefined {
  let h = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (!h.includes(':') || !/^[0-9a-f:.]+$/.test(h)) return undefined;
  // A dotted IPv4 tail becomes its two hex groups: ::ffff:127.0.0.1 reads as ::ffff:7f00:1.
  const dotted = /(^|:)([\d.]+)$/.exec(h);
  if (dotted && dotted[2].includes('.')) {
    const v4 = parseV4(dotted[2]);
    if (!v4) return undefined;
    h = `${h.slice(0, h.length - dotted[2].length)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = h.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  return [...head, ...new Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
}

/** 4 for an IPv4 address, 6 for an IPv6 address (brackets allowed), 0 otherwise. */
export function ipVersion(host: string): 0 | 4 | 6 {
  if (parseV4(host)) return 4;
  return parseV6(host) ? 6 : 0;
}

function v4Kind([a, b, c]: number[]): AddressKind | undefined {
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if ((a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0 && c === 0)) return 'private';
  if (a >= 224) return 'private'; // multicast, reserved, broadcast
  return undefined;
}

const octets = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];

/** The IPv4 address an IPv6 address carries (mapped, compatible, SIIT, NAT64, 6to4, Teredo), if any. */
export function embeddedV4(g: number[]): number[] | undefined {
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return octets(g[6], g[7]); // ::ffff:a.b.c.d
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return octets(g[6], g[7]); // ::ffff:0:a.b.c.d
  if (zero(0, 6) && (g[6] !== 0 || g[7] > 1)) return octets(g[6], g[7]); // ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return octets(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return octets(g[1], g[2]); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return octets(g[6] ^ 0xffff, g[7] ^ 0xffff); // Teredo client
  return undefined;
}

/** The kind of internal address an IP (v4 or v6, any spelling) is, or undefined for a public one. */
export function addressKind(ip: string): AddressKind | undefined {
  const v4 = parseV4(ip);
  if (v4) return v4Kind(v4);
  const g = parseV6(ip);
  if (!g) return undefined;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const inner = embeddedV4(g);
  if (inner) return v4Kind(inner);
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0 || (g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xff00) === 0xff00) return 'private';
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // local-use NAT64
  return undefined;
}
