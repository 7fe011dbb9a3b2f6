import { describe, expect, it } from 'vitest';
import { makeRedactor, REDACTED, urlPasswords } from '../../src/core/redact.js';
import { graphUrlProblem, internalAddressKind, mediaUrlProblem } from '../../src/core/url-policy.js';
import { noProxyList, proxyFor } from '../../src/core/net-proxy.js';
import { closestKey, configProblem } from '../../src/core/config-keys.js';
import { environmentError, portProblem } from '../../src/core/environment-errors.js';

describe('redaction', () => {
  const token = 'EAAG+secret/token=with&odd chars';
  const r = makeRedactor([token, 'app-secret-1234', '123456|app-secret-1234', ...urlPasswords('postgres://wa:p%40ss word@db/x')]);

  it('replaces a secret in every spelling that can reach an output', () => {
    for (const form of [token, encodeURIComponent(token), encodeURIComponent(token).replace(/%20/g, '+'), JSON.stringify(token).slice(1, -1), token.replace(/&/g, '&amp;')]) {
      const out = r(`before ${form} after`);
      expect(out).toBe(`before ${REDACTED} after`);
    }
    expect(r('app token 123456|app-secret-1234 and 123456%7Capp-secret-1234')).not.toMatch(/app-secret/);
    expect(r('password p@ss word and p%40ss%20word')).not.toMatch(/p@ss|p%40ss/);
  });

  it('catches a secret a server echoed base64-encoded, at any alignment, standard or URL-safe', () => {
    for (const prefix of ['', 'B', 'Be', 'Authorization: Bearer ']) {
      for (const enc of ['base64', 'base64url'] as const) {
        const echoed = Buffer.from(`${prefix}${token}!`).toString(enc);
        const out = r(`echo ${echoed}`);
        expect(out).toContain(REDACTED);
        // What is left of the encoding decodes to at most two bytes of the secret on either side.
        const decodedParts = out.replace(/^echo /, '').split(REDACTED).map((p) => Buffer.from(p, enc).toString('latin1'));
        expect(decodedParts.join('')).not.toMatch(/secret|token=/);
      }
    }
  });

  it('hides credentials it was never told about by their shape', () => {
    expect(r('Authorization: Bearer EAAGunknowntoken12345')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r('see postgres://user:hunter22@db.internal/x')).toBe(`see postgres://user:${REDACTED}@db.internal/x`);
    expect(r('GET /debug_token?input_token=abcdefgh&access_token=xyz12345')).toBe(`GET /debug_token?input_token=${REDACTED}&access_token=${REDACTED}`);
  });

  it('leaves ordinary text, short values and the sandbox default alone', () => {
    const plain = makeRedactor(['abc', 'sandbox-token']);
    expect(plain('abc sandbox-token 1,634 recipients')).toBe('abc sandbox-token 1,634 recipients');
    expect(urlPasswords('postgres://db/x')).toEqual([]);
  });

  it("a store URL's password as a parameter (libpq's ?password= and ?sslpassword=) is a secret too", () => {
    expect(urlPasswords('postgres://u@db/x?sslmode=require&password=pw-in-query-1&sslpassword=key-pass-2')).toEqual(['pw-in-query-1', 'key-pass-2']);
    expect(urlPasswords('postgres://u:p%40ss@db/x')).toEqual(['p%40ss', 'p@ss']);
  });
});

describe('URL rules', () => {
  it('sends the token only to https, or plain http on this machine', () => {
    expect(graphUrlProblem('https://graph.facebook.com', false)).toBeUndefined();
    expect(graphUrlProblem('http://127.0.0.1:4000', false)).toBeUndefined();
    expect(graphUrlProblem('http://[::1]:4000', false)).toBeUndefined();
    expect(graphUrlProblem('http://graph.example.com', false)).toMatch(/unencrypted.*--allow-insecure-graph-url/);
    expect(graphUrlProblem('http://graph.example.com', true)).toBeUndefined();
    expect(graphUrlProblem('file:///etc/passwd', true)).toMatch(/file:/);
    expect(graphUrlProblem('https://u:p@graph.example.com', true)).toMatch(/credentials/);
    expect(graphUrlProblem('graph.facebook.com', false)).toMatch(/not a valid URL/);
  });

  it('classifies internal addresses', () => {
    expect(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1'].map(internalAddressKind)).toEqual([
      'loopback', 'private', 'private', 'private', 'link-local', 'unspecified', 'loopback', 'link-local', 'private', 'private',
    ]);
    expect(internalAddressKind('157.240.1.1')).toBeUndefined();
    expect(internalAddressKind('2a03:2880::1')).toBeUndefined();
  });

  it('refuses media URLs that would probe internal hosts unless allowed', () => {
    expect(mediaUrlProblem('https://cdn.example.com/a.png', false)).toBeUndefined();
    expect(mediaUrlProblem('http://cdn.example.com/a.png', false)).toMatch(/not https/);
    expect(mediaUrlProblem('https://169.254.169.254/latest', false)).toMatch(/link-local/);
    expect(mediaUrlProblem('https://localhost/a.png', false)).toMatch(/this machine/);
    expect(mediaUrlProblem('http://127.0.0.1/a.png', true)).toBeUndefined();
    expect(mediaUrlProblem('file:///etc/passwd', true)).toMatch(/not supported/);
  });
});

describe('proxy selection', () => {
  const env = { httpsProxy: 'http://proxy:3128', httpProxy: 'http://proxy:8080', noProxy: '.corp.example,internal:8443' };
  it('follows HTTPS_PROXY, HTTP_PROXY and NO_PROXY, never for loopback', () => {
    expect(proxyFor(new URL('https://graph.facebook.com'), env)).toBe('http://proxy:3128');
    expect(proxyFor(new URL('http://example.com'), env)).toBe('http://proxy:8080');
    expect(proxyFor(new URL('https://a.corp.example'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://internal:8443'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://internal:443'), env)).toBe('http://proxy:3128');
    expect(proxyFor(new URL('http://127.0.0.1:4000'), env)).toBeUndefined();
    expect(proxyFor(new URL('http://localhost:4000'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://x.com'), { httpsProxy: 'http://p:1', noProxy: '*' })).toBeUndefined();
    expect(noProxyList('*')).toBe('*');
  });
});

describe('config keys', () => {
  it('suggests the key a typo meant', () => {
    expect(closestKey('wabaID')).toBe('wabaId');
    expect(closestKey('grapUrl')).toBe('graphUrl');
    expect(closestKey('completelyDifferent')).toBeUndefined();
    expect(configProblem({ apiVersion: 23 })).toMatchObject({ key: 'apiVersion' });
    expect(configProblem({ token: 'a\nb' })).toMatchObject({ key: 'token', message: expect.stringMatching(/line break/) });
  });
});

describe('environment errors', () => {
  it('turns ordinary Node errors into usage errors and leaves bugs alone', () => {
    expect(environmentError(Object.assign(new Error('x'), { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 8081 }))).toMatchObject({ exitCode: 2, message: 'port 8081 on 127.0.0.1 is already in use' });
    expect(environmentError(Object.assign(new Error('x'), { code: 'EISDIR', syscall: 'read', path: '/tmp' }))).toMatchObject({ exitCode: 2, message: '/tmp is a folder, not a file' });
    expect(environmentError(Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' }))).toMatchObject({ exitCode: 130, message: expect.stringMatching(/nothing was sent/) });
    expect(environmentError(new TypeError('x is undefined'))).toBeUndefined();
    expect(portProblem('99999')).toMatch(/0 to 65535/);
    expect(portProblem('0')).toBeUndefined();
  });
});
