import { errnoCode } from '../core/caught.js';

/** Whether a process of this host is alive (EPERM: alive, owned by someone else); lock owners are judged by it. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}
