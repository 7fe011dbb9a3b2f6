// The sandbox under load: template sends over keep-alive HTTP from this process to `wa-ops sandbox` in another.
import { spawn } from 'node:child_process';
import { GraphClient } from '../dist/io/graph/client.js';
import { cli, fmt, figure } from './lib.js';

const N = Number(process.env.BENCH_SANDBOX_REQUESTS ?? 30000);
const CONCURRENCY = 64;

export async function benchSandbox() {
  console.log(`\nsandbox: ${fmt(N)} template sends, ${CONCURRENCY} in flight`);
  const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--mps', '1000000'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((resolve) => child.stdout.once('data', (d) => resolve(String(d).trim())));
  const client = new GraphClient({ baseUrl: url, apiVersion: 'v23.0', token: 'sandbox-token', connections: CONCURRENCY });
  const body = (i) => ({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: `+4917${String(10000000 + i)}`,
    type: 'template',
    template: { name: 'spring_sale', language: { code: 'de', policy: 'deterministic' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Anna' }, { type: 'text', text: 'A1B2' }] }] },
  });
  try {
    // warm-up
    await Promise.all(Array.from({ length: 200 }, (_, i) => client.sendMessage('109876543210987', body(N + i))));
    let next = 0;
    let errors = 0;
    const latencies = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const i = next++;
          const s = performance.now();
          try {
            await client.sendMessage('109876543210987', body(i));
          } catch {
            errors++;
          }
          latencies.push(performance.now() - s);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    figure('requests/s', fmt(N / secs), 'req/s', 'target >= 5,000');
    figure('latency p50 / p99', `${fmt(latencies[Math.floor(N * 0.5)], 2)} / ${fmt(latencies[Math.floor(N * 0.99)], 2)}`, 'ms');
    figure('errors', fmt(errors));
  } finally {
    await client.close();
    child.kill('SIGTERM');
  }
}
