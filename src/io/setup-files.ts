/**
 * init's two files, written together or not at all: a run that wrote the config and then failed on .env would
 * leave a half-done setup that the next init refuses ("exists already"). Both are opened (every check a write
 * can fail) before either is moved into place; when the second move still fails, the first is undone.
 */
import { unlinkSync } from 'node:fs';
import type { EnvMerge } from '../core/dotenv-merge.js';
import { planEnvFile } from './env-file.js';
import { openOutput, writeOutputFile, type OutputFile } from './output-file.js';

/** What init writes: the config (no secrets, 0644) and the secrets merged into .env (0600). */
export interface SetupFiles {
  configPath: string;
  configText: string;
  envPath: string;
  secrets: Record<string, string>;
}

/** Write both files or neither; returns what changed in .env. Throws the first failure (InputError for a path that cannot be written). */
export function writeSetupFiles(s: SetupFiles): EnvMerge {
  const { before, merged } = planEnvFile(s.envPath, s.secrets);
  const config = openOutput(s.configPath, { mode: 0o644 });
  let env: OutputFile;
  try {
    // Raw: .env is where the secrets are meant to be.
    env = openOutput(s.envPath, { raw: true });
  } catch (err) {
    config.abort();
    throw err;
  }
  try {
    config.write(s.configText);
    env.write(merged.text);
    // .env first: its earlier text is known, so it can be put back if the config cannot be moved into place.
    env.commit();
  } catch (err) {
    config.abort();
    env.abort();
    throw err;
  }
  try {
    config.commit();
  } catch (err) {
    config.abort();
    restoreEnv(s.envPath, before);
    throw err;
  }
  return merged;
}

/** Undo this run's .env: remove the file it created, or put the user's text back (never remove a user's file). */
function restoreEnv(path: string, before: string | undefined): void {
  try {
    if (before === undefined) unlinkSync(path);
    else writeOutputFile(path, before, { raw: true });
  } catch {
    // The error that stopped init is the one to report; this is best effort.
  }
}

/** Refuse, before any prompt, a .env that could not be merged into (a folder, a device, unreadable). */
export function checkEnvTarget(path: string): void {
  planEnvFile(path, {});
}
