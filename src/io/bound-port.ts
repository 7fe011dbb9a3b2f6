/** The port a server listens on once listen() resolved (port 0 asks the system for a free one). */
import type { AddressInfo } from 'node:net';

/** The TCP port of a listening server; a server on a pipe or not listening is a bug of the caller. */
export function boundPort(server: { address(): AddressInfo | string | null }): number {
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error(`the server is not listening on a TCP port (${String(addr)})`);
  return addr.port;
}
