/** Open an input for streaming: a regular file or "-" (standard input); anything else is named for what it is. */
import { createReadStream, fstatSync, read as readCb, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { open, realpath, stat } from 'node:fs/promises';
import { errnoCode } from '../core/caught.js';
import { errnoHint, errnoText } from '../core/environment-errors.js';
import { InputError } from '../core/errors.js';

const read = promisify(readCb);

/** An input opened for reading: its name for messages, its size and its first bytes. */
export interface InputBytes {
  /** The name to use in messages ("standard input" for "-"). */
  label: string;
  /** Size in bytes, 0 when unknown (standard input). */
  size: number;
  /** The first bytes (up to headBytes), already read. */
  head: Buffer;
  /** The bytes after head. */
  rest(): AsyncIterable<Buffer>;
  /** Bytes read so far, for progress. */
  bytesRead(): number;
  /** Device and inode, to refuse an output that is this very input. */
  identity?: { dev: number; ino: number };
}

/** What a path is, when it is not a file a user would call a list. */
export function describeSpecial(path: string, st: Stats): string | undefined {
  if (st.isDirectory()) return 'is a folder, not a file';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a regular file: pipe it into standard input with "-" instead';
  if (st.isSocket()) return 'is a socket, not a regular file';
  if (st.isCharacterDevice()) return `is a character device${/^\/dev\//.test(path) ? ` (${path})` : ''}, not a regular file`;
  if (st.isBlockDevice()) return 'is a block device, not a regular file';
  if (!st.isFile()) return 'is not a regular file';
  if (/^\/(proc|sys)\//.test(path)) return `is a file the kernel generates under /${path.split('/')[1]}, not a regular file`;
  return undefined;
}

/** Open `path` (or "-" for standard input) and read its head. */
export async function openInput(path: string, headBytes = 65536): Promise<InputBytes> {
  if (path === '-') return openStdin(headBytes);
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`, { code: 'file-not-found', hint: 'check the path' });
    throw new InputError(`${path} ${errnoText(code, 'cannot be read')}`, { code: 'unreadable-file', hint: errnoHint(code) });
  }
  const special = describeSpecial(await realpath(path).catch(() => path), st);
  if (special) throw new InputError(`${path} ${special}`, { code: 'not-a-file', hint: 'pass the path of a .csv file, or "-" to read standard input' });
  if (st.size === 0) throw new InputError(`${path} is empty`, { code: 'empty-file', hint: 'export the list again, with a header row' });
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new InputError(`${path} ${errnoText(err.code, 'cannot be opened')}`, { code: 'unreadable-file', hint: errnoHint(err.code) });
  });
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(st.size, headBytes));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  let stream: ReturnType<typeof createReadStream> | undefined;
  return {
    label: path,
    size: st.size,
    head,
    identity: { dev: st.dev, ino: st.ino },
    bytesRead: () => head.length + (stream?.bytesRead ?? 0),
    rest: () => (stream = createReadStream(path, { start: head.length, highWaterMark: 256 * 1024 })),
  };
}

async function openStdin(headBytes: number): Promise<InputBytes> {
  const st = fstatSync(0);
  if (st.isCharacterDevice() && process.stdin.isTTY) {
    throw new InputError('"-" reads the list from standard input, which is a terminal here', { code: 'stdin-is-tty', hint: 'pipe a file into it: cat list.csv | wa-ops validate-numbers -' });
  }
  // fd 0 read directly: it works the same on the main thread and on a worker thread.
  let total = 0;
  const iterator = readFd(0, 256 * 1024, (n) => (total += n));
  const parts: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < headBytes) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    length += r.value.length;
  }
  const all = Buffer.concat(parts);
  const head = all.subarray(0, Math.min(all.length, headBytes));
  const extra = all.subarray(head.length);
  if (all.length === 0) throw new InputError('standard input is empty', { code: 'empty-file', hint: 'pipe a CSV list with a header row into it' });
  return {
    label: 'standard input',
    size: 0,
    head,
    identity: st.isFile() ? { dev: st.dev, ino: st.ino } : undefined,
    bytesRead: () => total,
    async *rest() {
      if (extra.length > 0) yield extra;
      if (done) return;
      for (;;) {
        const r = await iterator.next();
        if (r.done) return;
        yield r.value;
      }
    },
  };
}

/** Read a file descriptor to its end; a non-blocking pipe (EAGAIN) is waited on, not an error. */
async function* readFd(fd: number, size: number, onRead: (n: number) => void): AsyncGenerator<Buffer> {
  for (;;) {
    const buf = Buffer.allocUnsafe(size);
    let n: number;
    try {
      n = (await read(fd, buf, 0, size, null)).bytesRead;
    } catch (err) {
      if (errnoCode(err) !== 'EAGAIN') throw err;
      await new Promise((r) => setTimeout(r, 2));
      continue;
    }
    if (n === 0) return;
    onRead(n);
    yield buf.subarray(0, n);
  }
}
