/** Which URLs wa-ops may send a token to (Graph) or probe (media): pure rules, the I/O lives in io/. */

import { addressKind, ipVersion, type AddressKind } from './ip-address.js';

/** 4 for a dotted IPv4 address, 6 for an IPv6 address (brackets allowed), 0 otherwise. */
export function isIP(host: string): 0 | 4 | 6 {
  return ipVersion(host);
}

/** localhost (with or without its trailing dot), 127.0.0.0/8 and ::1 in any spelling: this machine (the sandbox). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return addressKind(h) === 'loopback';
}

/**
 * Why a Graph base URL must not receive the token, or undefined when it may.
 * https anywhere; plain http only to loopback unless explicitly allowed; never credentials or file:.
 */
export function graphUrlProblem(raw: string, allowInsecure: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} URLs cannot be a Graph API base URL; use https://`;
  if (url.username || url.password) return 'a Graph API base URL must not carry credentials (user:password@); the token is sent as a header';
  if (url.search || url.hash) return 'a Graph API base URL must not carry a query or fragment';
  // Meta's docs write URLs with the version in them; wa-ops adds the version itself, so it would ask for /v23.0/v23.0/...
  const version = /\/(v\d+\.\d+)\/*$/.exec(url.pathname)?.[1];
  if (version) return `ends with an API version (${version}), which wa-ops adds itself: give ${url.origin}${url.pathname.replace(/\/v\d+\.\d+\/*$/, '')} and set the version with WA_OPS_API_VERSION=${version} (or "apiVersion")`;
  if (url.protocol === 'http:' && !allowInsecure && !isLoopbackHost(url.hostname)) {
    return `plain http:// to ${url.hostname} would send the token unencrypted; use https://, or pass --allow-insecure-graph-url (WA_OPS_ALLOW_INSECURE_GRAPH_URL=1) if you mean it`;
  }
  return undefined;
}

/** Why a URL wa-ops will POST webhooks to (sandbox --webhook-url, serve --forward-to) is unusable, or undefined: http(s) only, no credentials. */
export function webhookTargetProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be an http or https URL, got ${url.protocol}`;
  if (!url.hostname) return `"${raw}" names no host`;
  if (url.username || url.password) return 'must not carry credentials in the URL';
  return undefined;
}

/** The kind of a numeric address a media URL resolved to, or undefined for an ordinary public address. */
export function internalAddressKind(ip: string): AddressKind | undefined {
  return addressKind(ip);
}

/** Why a header media URL must not be fetched (before DNS), or undefined. */
export function mediaUrlProblem(raw: string, allowInternal: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL`;
  }
  if (url.username || url.password) return 'the media URL carries credentials (user:password@); Meta fetches it without them';
  if (allowInternal) return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : `${url.protocol} media URLs are not supported`;
  if (url.protocol !== 'https:') return `the media URL is not https:// (Meta fetches header media over HTTPS); pass --allow-internal-media to check it anyway`;
  if (isLoopbackHost(url.hostname)) return `the media URL points at this machine (${url.hostname}); pass --allow-internal-media if you mean it`;
  const kind = internalAddressKind(url.hostname);
  if (kind) return `the media URL points at ${kind === 'unspecified' ? 'an' : 'a'} ${kind} address (${url.hostname}); pass --allow-internal-media if you mean it`;
  return undefined;
}
