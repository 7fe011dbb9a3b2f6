/** Helpers of the HTTP layer that need no undici: a capped body reader and a DNS lookup that refuses addresses. */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/** Read a response body up to a limit (a hostile or broken server cannot fill the memory). */
export async function readCapped(body: AsyncIterable<Uint8Array> & { destroy?: () => void }, max: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = max - size;
    parts.push(Buffer.from(chunk.subarray(0, Math.max(0, room))));
    size += chunk.byteLength;
    if (size >= max) {
      body.destroy?.();
      break;
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

/** A DNS lookup that refuses guarded addresses, for direct connections. */
export function guardedLookup(guard: (ip: string) => string | undefined) {
  return (hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = addresses.map((a) => guard(a.address)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(refused), { code: 'EREFUSEDADDRESS' }), []);
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

