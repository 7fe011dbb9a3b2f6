/** config.env-git: the .env holding secrets must stay out of git (tracked or not ignored, a commit carries it). */
import { shellQuote } from '../shell-quote.js';
import { pass, warn, type CheckResult } from './types.js';

/** How git treats the .env, and the folder holding it (where the printed commands act). */
export interface DotenvGitFacts {
  tracked: boolean;
  ignored: boolean;
  dir: string;
}

const ID = 'config.env-git';
const TITLE = '.env kept out of git';

/** Pass when git ignores an untracked .env; warn, with the exact commands, when it is tracked or not ignored. */
export function dotenvGitCheck(f: DotenvGitFacts): CheckResult {
  const dir = f.dir.length > 1 ? f.dir.replace(/\/$/, '') : f.dir;
  const env = `${dir === '/' ? '' : dir}/.env`;
  const untrack = `git -C ${shellQuote(dir)} rm --cached --quiet -- .env`;
  // printf starts with a line break: a .gitignore whose last line has none would otherwise swallow the entry.
  const ignore = `printf '\\n.env\\n' >> ${shellQuote(`${dir === '/' ? '' : dir}/.gitignore`)}`;
  if (!f.tracked && f.ignored) return pass(ID, TITLE, `${env} is ignored by git`);
  if (!f.tracked) return warn(ID, TITLE, `${env} holds secrets and git does not ignore it: "git add ." would commit them`, `add it to .gitignore; run: ${ignore}`);
  const fix = f.ignored ? untrack : `${untrack} && ${ignore}`;
  return warn(ID, TITLE, `${env} holds secrets and is tracked by git: the next commit carries them`, `untrack it, the file stays on disk (rotate the token if it was ever pushed); run: ${fix}`);
}
