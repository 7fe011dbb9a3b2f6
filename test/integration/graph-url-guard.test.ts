// The one Graph client refuses to be built for a URL that must not receive the token, whoever built it.
import { describe, expect, it } from 'vitest';
import { GraphClient } from '../../src/io/graph/client.js';

const client = (baseUrl: string, fallbackUrls: string[] = [], allowInsecure?: boolean) => new GraphClient({ baseUrl, fallbackUrls, apiVersion: 'v23.0', token: 'EAAGguardtoken1234', allowInsecure });

describe('GraphClient URL guard', () => {
  it('refuses plain http to another host, file:, credentials, and checks failover URLs too', () => {
    expect(() => client('http://graph.example.com')).toThrow(expect.objectContaining({ exitCode: 2, code: 'bad-graph-url' }));
    expect(() => client('https://graph.facebook.com', ['http://steal.example.com'])).toThrow(/steal\.example\.com/);
    expect(() => client('file:///etc/passwd')).toThrow(/file:/);
    expect(() => client('https://user:pw@graph.example.com')).toThrow(/credentials/);
  });

  it('accepts https, loopback http, and plain http when explicitly allowed', async () => {
    for (const c of [client('https://graph.facebook.com'), client('http://127.0.0.1:1'), client('http://graph.example.com', [], true)]) await c.close();
    // A path is fine (a proxy's prefix), even one holding a version-like segment before its end.
    for (const c of [client('https://proxy.example.com/graph'), client('https://proxy.example.com/v2.0/graph')]) await c.close();
  });

  it('refuses a URL ending with the API version (as Meta\'s docs write them), which would ask for /v23.0/v23.0/', () => {
    expect(() => client('https://graph.facebook.com/v23.0')).toThrow(expect.objectContaining({ exitCode: 2, code: 'bad-graph-url' }));
    expect(() => client('https://graph.facebook.com/v22.0/')).toThrow(/give https:\/\/graph\.facebook\.com and set the version with WA_OPS_API_VERSION=v22\.0/);
  });
});
