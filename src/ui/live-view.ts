/** A block of text redrawn in place on a terminal (the previous frame is erased), or written frame after frame elsewhere. */

/** A block of text redrawn in place: update it, close it. */
export interface LiveView {
  /** Show a new frame. */
  update(frame: string): void;
  /** Leave the last frame on screen. */
  close(): void;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** In place on a TTY; otherwise every frame is appended (a log, a pipe). */
export function createLiveView(stream: NodeJS.WriteStream, inPlace: boolean): LiveView {
  let lines = 0;
  return {
    update(frame) {
      const text = frame.endsWith('\n') ? frame : `${frame}\n`;
      // Cursor up over the last frame, then clear to the end of the screen.
      const erase = inPlace && lines > 0 ? `\x1b[${lines}A\x1b[0J` : '';
      stream.write(erase + text);
      // A line wider than the terminal wraps onto several rows: count rows, not lines.
      const width = stream.columns || Infinity;
      lines = text
        .split('\n')
        .slice(0, -1)
        .reduce((n, l) => n + Math.max(1, Math.ceil([...l.replace(ANSI, '')].length / width)), 0);
    },
    close() {
      lines = 0;
    },
  };
}
