/** Keep .env out of git: add it to the .gitignore of the enclosing repository. */
import { closeSync, constants, existsSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTextFile } from './read-text-file.js';

/** Add .env to the .gitignore of the enclosing git repository, if there is one; returns the file changed. */
export function ensureGitignored(cwd: string): string | undefined {
  let dir = cwd;
  for (;;) {
    if (existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  const file = join(cwd, '.gitignore');
  const current = readTextFile(file, { what: '.gitignore', maxBytes: 4 * 1024 * 1024, code: 'unreadable-file', missingOk: true }) ?? '';
  if (/^\/?\.env$/m.test(current)) return undefined;
  // Appended in place, never through a symlink planted at its name.
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  try {
    writeSync(fd, `${current && !current.endsWith('\n') ? '\n' : ''}.env\n`);
  } finally {
    closeSync(fd);
  }
  return file;
}
