/** Keep .env out of git: add it to the .gitignore of the enclosing repository. */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTextFile } from './read-text-file.js';

/** The .gitignore to extend and its current text; undefined when there is no repository or .env is ignored already. */
export interface GitignorePlan {
  file: string;
  current: string;
}

/** Decide (reading only; an unreadable .gitignore is refused, exit 2) whether .env must be added to a .gitignore (the working directory's) of the enclosing git repository. */
export function planGitignore(cwd: string): GitignorePlan | undefined {
  let dir = cwd;
  for (;;) {
    if (existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  // Git's own answer first: a parent .gitignore, a pattern like **/.env or a global excludes file may ignore it already.
  if (envGitState(cwd)?.ignored) return undefined;
  const file = join(cwd, '.gitignore');
  const current = readTextFile(file, { what: '.gitignore', maxBytes: 4 * 1024 * 1024, code: 'unreadable-file', missingOk: true }) ?? '';
  if (ignoresEnv(current)) return undefined;
  return { file, current };
}

/** Does a .gitignore already ignore ./.env (".env", "/.env", ".env*", "*.env", CRLF lines)? Then nothing is added. */
export function ignoresEnv(text: string): boolean {
  return text.split(/\r?\n/).some((line) => /^\/?(\.env\*?|\*\.env|\.env\*\*?)$/.test(line.trim()));
}

/** Append .env to the planned .gitignore; returns the file changed. */
export function applyGitignore(plan: GitignorePlan): string {
  // Appended in place, never through a symlink planted at its name.
  const fd = openSync(plan.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  try {
    writeSync(fd, `${plan.current && !plan.current.endsWith('\n') ? '\n' : ''}.env\n`);
  } finally {
    closeSync(fd);
  }
  return plan.file;
}

/**
 * Is ./.env tracked by git? Then .gitignore does not keep it out: a token written there goes into the next commit.
 * Asked of git itself (the index format is git's); no git on PATH, or no repository, answers no.
 */
export function envTracked(cwd: string): boolean {
  const r = spawnSync('git', ['ls-files', '--error-unmatch', '--', '.env'], { cwd, stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

/** What git makes of ./.env: tracked or not, ignored by the patterns or not. */
export interface EnvGitState {
  tracked: boolean;
  ignored: boolean;
}

/** Ask git how it treats ./.env (its own rules: nested and global ignores, negations); undefined outside a repository or without git. */
export function envGitState(cwd: string): EnvGitState | undefined {
  const git = (args: string[]) => spawnSync('git', args, { cwd, stdio: 'ignore', timeout: 5000 }).status;
  if (git(['rev-parse', '--is-inside-work-tree']) !== 0) return undefined;
  // --no-index: the patterns alone decide, tracked or not (exit 0 ignored, 1 not ignored, anything else unknown).
  const ignored = git(['check-ignore', '-q', '--no-index', '--', '.env']);
  if (ignored !== 0 && ignored !== 1) return undefined;
  return { tracked: git(['ls-files', '--error-unmatch', '--', '.env']) === 0, ignored: ignored === 0 };
}
