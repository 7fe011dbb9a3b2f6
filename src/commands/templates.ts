/** wa-ops templates list | pull | push | status: the account's templates without the web UI; each subcommand is its own module. */
import { UsageError } from '../core/errors.js';
import { splitList, type TemplateFilter } from '../core/templates/filter.js';
import { loadConfig, type Settings } from '../io/config.js';
import { GraphClient } from '../io/graph/client.js';
import type { FlagSchema } from './flags.js';
import { missingConfig } from '../core/missing-config.js';

type Runner = (args: unknown[], flags: Record<string, unknown>) => Promise<number>;

/** The flags of templates list | pull | push | status as commander delivers them (each subcommand has some). */
export interface TemplatesFlags {
  config?: string;
  status?: string;
  name?: string;
  language?: string;
  category?: string;
  out?: string;
  force?: boolean;
  rule?: string[];
  watch?: boolean;
  interval?: string;
  timeout?: string;
}

/** The flags' kinds, checked once when a subcommand reads them (parseFlags). */
export const TEMPLATES_FLAGS: FlagSchema<TemplatesFlags> = {
  config: 'string',
  status: 'string',
  name: 'string',
  language: 'string',
  category: 'string',
  out: 'string',
  force: 'boolean',
  rule: 'list',
  watch: 'boolean',
  interval: 'string',
  timeout: 'string',
};

/** The account the subcommands talk to: token and WABA id are required. */
export function account(config: string | undefined): { settings: Settings; wabaId: string; client: GraphClient } {
  const { settings } = loadConfig({ configPath: config });
  if (!settings.token) throw missingConfig('token', 'no access token: set WA_OPS_TOKEN (environment or .env)');
  if (!settings.wabaId) throw missingConfig('wabaId', 'no WABA id: set WA_OPS_WABA_ID (templates belong to a WhatsApp Business Account)');
  const client = new GraphClient({ baseUrl: settings.graphUrl, apiVersion: settings.apiVersion, token: settings.token });
  return { settings, wabaId: settings.wabaId, client };
}

const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const STATUSES = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL', 'PENDING_DELETION', 'DELETED', 'LIMIT_EXCEEDED'];

/** --status, --name, --language, --category into a filter (unknown values are a usage error). */
export function filterFlags(f: TemplatesFlags): TemplateFilter {
  const status = splitList(f.status);
  const category = splitList(f.category);
  for (const s of status ?? []) if (!STATUSES.includes(s)) throw new UsageError(`--status takes ${STATUSES.join(', ')} (comma-separated), got "${s}"`, { code: 'bad-flag' });
  for (const c of category ?? []) if (!CATEGORIES.includes(c)) throw new UsageError(`--category takes ${CATEGORIES.join(', ')} (comma-separated), got "${c}"`, { code: 'bad-flag' });
  return { status, category, name: f.name, language: splitList(f.language, false) };
}

/** templates list */
export const list: Runner = async (args, flags) => (await import('./templates/list.js')).run(args, flags);
/** templates pull */
export const pull: Runner = async (args, flags) => (await import('./templates/pull.js')).run(args, flags);
/** templates push */
export const push: Runner = async (args, flags) => (await import('./templates/push.js')).run(args, flags);
/** templates status */
export const status: Runner = async (args, flags) => (await import('./templates/status.js')).run(args, flags);
