// A campaign file must not make wa-ops probe internal hosts: the media URL rules, and the connect-time
// address guard (the name is checked again when the socket connects, so DNS rebinding cannot slip past).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkMedia } from '../../src/io/campaign/media.js';
import { probe } from '../../src/io/graph/probe.js';
import { internalAddressKind } from '../../src/core/url-policy.js';

let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': '1234' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  delete process.env.WA_OPS_ALLOW_INTERNAL_MEDIA;
  hits = 0;
});

describe('header media URLs', () => {
  it.each([
    [`https://127.0.0.1:PORT/banner.png`, /this machine/],
    [`https://localhost:PORT/banner.png`, /this machine/],
    [`http://127.0.0.1:PORT/banner.png`, /not https/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://10.0.0.7/banner.png', /private/],
    ['https://[::1]:PORT/banner.png', /this machine/],
    ['https://user:pw@cdn.example.com/banner.png', /credentials/],
  ])('refuses %s without touching it', async (url, why) => {
    const check = await checkMedia('image', url.replace('PORT', String(port)), '/tmp');
    expect(check.problems.join('; ')).toMatch(why);
    expect(hits).toBe(0);
  });

  it('checks the address a name resolves to when the socket connects', async () => {
    const guard = (ip: string) => (internalAddressKind(ip) ? `refused ${ip}` : undefined);
    await expect(probe(new URL(`http://localhost:${port}/banner.png`), { method: 'HEAD', guardAddress: guard })).rejects.toMatchObject({ code: 'EREFUSEDADDRESS' });
    expect(hits).toBe(0);
  });

  it('--allow-internal-media (WA_OPS_ALLOW_INTERNAL_MEDIA=1) lets a local medium be checked with HEAD', async () => {
    process.env.WA_OPS_ALLOW_INTERNAL_MEDIA = '1';
    const check = await checkMedia('image', `http://127.0.0.1:${port}/banner.png`, '/tmp');
    expect(check).toMatchObject({ problems: [], mime: 'image/png', size: 1234 });
    expect(hits).toBe(1);
  });
});

describe('a local header media path is named for what it is', () => {
  it('a folder or a device is said to be one, a missing file is "no such file"', async () => {
    const { mkdtempSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wa-ops-media-'));
    mkdirSync(join(dir, 'images'));
    expect((await checkMedia('image', 'images', dir)).problems).toEqual([`${join(dir, 'images')} is a folder, not a file`]);
    expect((await checkMedia('image', '/dev/zero', dir)).problems).toEqual(['/dev/zero is a character device (/dev/zero), not a regular file']);
    expect((await checkMedia('image', 'banner.png', dir)).problems).toEqual([`no such file: ${join(dir, 'banner.png')}`]);
  });
});
