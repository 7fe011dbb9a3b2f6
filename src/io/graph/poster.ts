/** Keep-alive POSTs to an endpoint that is not the Graph API (the sandbox's webhooks). */
import { proxyAwareDispatcher, request, type Dispatcher } from './dispatcher.js';

/**
 * POSTs to one endpoint that is not the Graph API (the sandbox's webhooks), over keep-alive connections
 * on the same proxy-aware dispatcher as every other request: HTTPS_PROXY/HTTP_PROXY/NO_PROXY, loopback direct.
 */
export class Poster {
  private readonly agent: Dispatcher;

  constructor(timeoutMs = 5_000) {
    this.agent = proxyAwareDispatcher({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 30_000 });
  }

  /** One POST; resolves with the status code (the answer's body is read and dropped), rejects on a network error. */
  async post(url: string, headers: Record<string, string>, body: string): Promise<number> {
    const res = await request(url, { method: 'POST', headers, body, dispatcher: this.agent });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    return res.statusCode;
  }

  /** Drop the connections (a stopped sandbox must not keep the process alive). */
  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined);
  }
}
