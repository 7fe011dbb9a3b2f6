// A lean HTTP/1.1 load generator for the webhook benchmark: like wrk or autocannon, it writes prebuilt requests on
// keep-alive sockets and reads only the status line and Content-Length of each answer. Node's own http client costs
// about as much CPU per request as the servers under test, so on a 2-core machine it would measure itself.
import { connect } from 'node:net';

/** One connection that sends requests one at a time and resolves each with its status code. */
function connection(host, port) {
  const socket = connect({ host, port, noDelay: true });
  let buf = '';
  let waiting = null;
  socket.setEncoding('latin1');
  socket.on('data', (chunk) => {
    buf += chunk;
    const head = buf.indexOf('\r\n\r\n');
    if (head < 0) return;
    const len = Number(/\r\ncontent-length: *(\d+)/i.exec(buf.slice(0, head))?.[1] ?? 0);
    if (buf.length < head + 4 + len) return;
    const status = Number(buf.slice(9, 12));
    buf = buf.slice(head + 4 + len);
    const w = waiting;
    waiting = null;
    w?.resolve(status);
  });
  socket.on('error', (err) => waiting?.reject(err));
  socket.on('close', () => waiting?.reject(new Error('connection closed by the server')));
  const ready = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    ready,
    send(bytes) {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(bytes);
      });
    },
    close: () => socket.destroy(),
  };
}

/** The bytes of one signed POST. */
export function postBytes(url, body, signature) {
  const head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Hub-Signature-256: ${signature}\r\n\r\n`;
  return Buffer.from(head + body);
}

/** Send every request, `concurrency` in flight on as many keep-alive connections; latencies in ms, and how many were not 200. */
export async function load(url, requests, concurrency) {
  const conns = Array.from({ length: concurrency }, () => connection(url.hostname, Number(url.port)));
  await Promise.all(conns.map((c) => c.ready));
  let next = 0;
  let failed = 0;
  const latencies = [];
  const t0 = performance.now();
  try {
    await Promise.all(
      conns.map(async (c) => {
        while (next < requests.length) {
          const i = next++;
          const s = performance.now();
          if ((await c.send(requests[i])) !== 200) failed++;
          latencies.push(performance.now() - s);
        }
      }),
    );
  } finally {
    for (const c of conns) c.close();
  }
  return { secs: (performance.now() - t0) / 1000, latencies, failed };
}

/** The same load through Node's own http client (keep-alive agent): what a Node sender costs; heavier than the servers under test. */
export async function loadWithNodeClient(url, requests, concurrency) {
  const { Agent, request } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const postOne = (bytes) =>
    new Promise((resolve, reject) => {
      const split = bytes.indexOf('\r\n\r\n');
      const head = bytes.subarray(0, split).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(head.slice(1).map((h) => [h.slice(0, h.indexOf(':')).toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]));
      delete headers.host;
      const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end(bytes.subarray(split + 4));
    });
  let next = 0;
  let failed = 0;
  const latencies = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const i = next++;
        const s = performance.now();
        if ((await postOne(requests[i])) !== 200) failed++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  agent.destroy();
  return { secs: (performance.now() - t0) / 1000, latencies, failed };
}
