/** The guard on the Graph base URL: the token goes only where it may. */
import { UsageError } from '../../core/errors.js';
import { makeRedactor } from '../../core/redact.js';
import { graphUrlProblem } from '../../core/url-policy.js';

/** Refuse a Graph base URL that must not receive the token (exit 2, one line naming it). */
export function assertGraphUrl(url: string, allowInsecure = process.env.WA_OPS_ALLOW_INSECURE_GRAPH_URL === '1'): void {
  const problem = graphUrlProblem(url, allowInsecure);
  if (problem) throw new UsageError(`Graph API URL ${makeRedactor([])(url)}: ${problem}`, { code: 'bad-graph-url', hint: 'set WA_OPS_GRAPH_URL, "graphUrl" in the config file or --graph-url to an https:// URL' });
}
