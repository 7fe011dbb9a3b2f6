/** An output must never be one of the inputs: identities by device and inode, checked before anything is written. */
import { statSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import type { OutputOptions } from './output-file.js';

/** An input's identity (device and inode) for OutputOptions.inputs; none when it cannot be read. */
export function inputIdentity(path: string): { label: string; identity?: { dev: number; ino: number } } {
  try {
    const st = statSync(path);
    return { label: path, identity: { dev: st.dev, ino: st.ino } };
  } catch {
    return { label: path };
  }
}

/** Refuse an output that is an input (same device and inode), before anything is written. */
export function refuseSameFile(path: string, flag: string, o: OutputOptions): void {
  if (path === '-') return;
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  for (const input of o.inputs ?? []) {
    if (input.identity && st.dev === input.identity.dev && st.ino === input.identity.ino) {
      throw new UsageError(`${flag} ${path} is the input file ${input.label}: writing it would replace it`, { code: 'output-is-input', hint: 'write to another file name' });
    }
  }
}
