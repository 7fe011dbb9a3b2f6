/** Declares every subcommand and its flags, in the order --help lists them; each command's implementation is imported only when it runs. */
import type { Command } from 'commander';
import { registerCampaigns } from './registry/campaigns.js';
import { registerDemo } from './registry/demo.js';
import { registerDoctor } from './registry/doctor.js';
import { registerInit } from './registry/init.js';
import { registerLintTemplate } from './registry/lint-template.js';
import { registerSandbox } from './registry/sandbox.js';
import { registerSend } from './registry/send.js';
import { registerStatus } from './registry/status.js';
import { registerStore } from './registry/store.js';
import { registerSuppressions } from './registry/suppressions.js';
import { registerTemplates } from './registry/templates.js';
import { registerValidateNumbers } from './registry/validate-numbers.js';
import { registerWebhook } from './registry/webhook.js';

/** Registration order is the order of `wa-ops --help`: the workflow from a list to a report. */
const REGISTRATIONS = [
  registerValidateNumbers,
  registerLintTemplate,
  registerDoctor,
  registerInit,
  registerSend,
  registerStatus,
  registerCampaigns,
  registerTemplates,
  registerSuppressions,
  registerSandbox,
  registerWebhook,
  registerStore,
  registerDemo,
];

/** Register all subcommands on the program. */
export function registerCommands(program: Command, version: string, setExit: (code: number) => void): void {
  for (const register of REGISTRATIONS) register(program, { setExit, version });
}
