// Internal addresses in every spelling a URL or a DNS answer can use: a campaign's media URL must not
// reach this machine, the cloud metadata service or a private network by writing the address oddly.
import { describe, expect, it } from 'vitest';
import { addressKind, parseV6 } from '../../src/core/ip-address.js';
import { isLoopbackHost, mediaUrlProblem } from '../../src/core/url-policy.js';

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'], // how the URL parser writes [::ffff:127.0.0.1]
    ['::7f00:1', 'loopback'], // IPv4-compatible
    ['::ffff:0:7f00:1', 'loopback'], // SIIT
    ['2002:7f00:1::', 'loopback'], // 6to4
    ['::ffff:a9fe:a9fe', 'link-local'], // 169.254.169.254, the metadata service
    ['64:ff9b::a9fe:a9fe', 'link-local'], // NAT64
    ['2001:0:4136:e378:8000:63bf:5601:5601', 'link-local'], // Teredo client 169.254.169.254 (xored)
    ['fe80::1%eth0', 'link-local'],
    ['10.1.2.3', 'private'],
    ['::ffff:a00:1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['198.18.0.1', 'private'],
    ['fd00::1', 'private'],
    ['fec0::1', 'private'],
    ['ff02::1', 'private'],
    ['224.0.0.1', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
  ])('%s is %s', (ip, kind) => expect(addressKind(ip)).toBe(kind));

  it.each(['8.8.8.8', '::ffff:8.8.8.8', '2001:4860:4860::8888', '2a03:2880:f10c:83:face:b00c:0:25de', '172.32.0.1', 'example.com', '1::2::3', '::1.2.3'])('%s is public or not an address', (ip) => {
    expect(addressKind(ip)).toBeUndefined();
  });

  it('parses the spellings of one address alike', () => {
    const g = [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1];
    for (const s of ['::ffff:127.0.0.1', '[::ffff:7f00:1]', '0:0:0:0:0:ffff:7f00:0001', '::FFFF:127.0.0.1']) expect(parseV6(s)).toEqual(g);
    expect(parseV6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseV6('::ffff:999.0.0.1')).toBeUndefined();
  });
});

describe('media URLs written oddly', () => {
  it.each([
    'https://[::1]/a.png',
    'https://[::ffff:127.0.0.1]/a.png',
    'https://[::127.0.0.1]/a.png',
    'https://2130706433/a.png',
    'https://0x7f000001/a.png',
    'https://0177.0.0.1/a.png',
    'https://127.1/a.png',
    'https://localhost./a.png',
    'https://[::ffff:169.254.169.254]/latest/meta-data',
    'https://[64:ff9b::a9fe:a9fe]/latest/meta-data',
    'https://[::ffff:10.0.0.1]/a.png',
    'https://0/a.png',
  ])('%s is refused', (url) => {
    expect(mediaUrlProblem(url, false)).toMatch(/this machine|link-local|private|unspecified/);
    expect(mediaUrlProblem(url, true)).toBeUndefined();
  });

  it('a public https URL passes, and the loopback test knows every spelling', () => {
    expect(mediaUrlProblem('https://cdn.example.com/a.png', false)).toBeUndefined();
    expect(isLoopbackHost('[::ffff:7f00:1]')).toBe(true);
    expect(isLoopbackHost('localhost.')).toBe(true);
    expect(isLoopbackHost('graph.facebook.com')).toBe(false);
  });
});
