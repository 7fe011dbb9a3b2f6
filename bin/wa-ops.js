#!/usr/bin/env node
// The CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through the prepare script).
// First the start-up signal handler: a Ctrl-C while the CLI loads is exit 130, not a death by signal.
import('../dist/io/early-signals.js')
  .catch(() => {})
  .then(() => import('../dist/cli.js'))
  .catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      process.stderr.write('wa-ops: not built yet: run `npm run build` (or `npm ci`, which builds) first\n');
      process.exit(2);
    }
    throw err;
  });
