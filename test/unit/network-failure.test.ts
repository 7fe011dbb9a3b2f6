// Every kind of network failure gets a name and a to-do that says what to check; a proxy in the way is named (host only).
import { describe, expect, it } from 'vitest';
import { actionFor } from '../../src/core/graph/actions.js';
import { networkFailure, networkKind } from '../../src/core/graph/network-failure.js';

describe('networkFailure', () => {
  it.each([
    ['ECONNREFUSED', 'refused', true],
    ['ENOTFOUND', 'dns', true],
    ['EAI_AGAIN', 'dns', true],
    ['EHOSTUNREACH', 'unreachable', true],
    ['ENETUNREACH', 'unreachable', true],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout', true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', true],
    ['CERT_HAS_EXPIRED', 'tls', true],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', true],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', true],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', true],
    ['UND_ERR_HEADERS_TIMEOUT', 'answer-timeout', false],
    ['ETIMEDOUT', 'answer-timeout', false],
    ['ECONNRESET', 'reset', false],
    ['UND_ERR_SOCKET', 'reset', false],
    ['EPIPE', 'reset', false],
    ['', 'other', false],
  ] as const)('%s is %s (sent: %s) and says what to check', (code, kind, notSent) => {
    const f = networkFailure({ code, message: 'other side closed', host: 'graph.facebook.com' });
    expect(networkKind(code)).toBe(kind);
    expect(f).toMatchObject({ kind, notSent });
    expect(f.todo).toMatch(/check|start/);
    expect(f.todo).not.toMatch(/HTTP 0|see the details/);
  });

  it('names the host that does not resolve, and the settings to check', () => {
    const f = networkFailure({ code: 'ENOTFOUND', message: '', host: 'graph.facebok.com' });
    expect(f.title).toBe('cannot connect to graph.facebok.com (ENOTFOUND)');
    expect(f.todo).toMatch(/the name graph\.facebok\.com does not resolve .*WA_OPS_GRAPH_URL.*HTTPS_PROXY/);
  });

  it('a request through a proxy names the proxy first', () => {
    const f = networkFailure({ code: 'ECONNREFUSED', message: '', host: 'graph.facebook.com', proxy: 'proxy.corp:3128' });
    expect(f.title).toBe('cannot connect to graph.facebook.com through the proxy proxy.corp:3128 (ECONNREFUSED)');
    expect(f.todo).toMatch(/^the connection was refused: check the proxy proxy\.corp:3128 \(HTTPS_PROXY, HTTP_PROXY\) and NO_PROXY/);
  });

  it('the table never answers "HTTP 0" for an error without an answer', () => {
    expect(actionFor(undefined, 0).todo).toMatch(/no answer from the API: check the network connection/);
  });
});
