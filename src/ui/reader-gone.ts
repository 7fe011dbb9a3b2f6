/** The reader of stdout went away (`wa-ops ... | head`): not an error of wa-ops; whatever is left to print is dropped. */

let gone = false;
let watching = false;

/** True once a write to stdout failed with EPIPE: stop producing data (the CLI then exits 141, as SIGPIPE would). */
export function readerGone(): boolean {
  return gone;
}

/**
 * Listen for the broken pipe on stdout once. Without a listener the EPIPE would surface as an
 * uncaught error, i.e. exit 70 ("a bug in wa-ops") for an ordinary `| head`. Other errors stay errors.
 */
export function watchReader(stream: NodeJS.WriteStream = process.stdout): void {
  if (watching) return;
  watching = true;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      gone = true;
      return;
    }
    throw err;
  });
}
