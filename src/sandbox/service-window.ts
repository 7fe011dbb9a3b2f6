/** The 24-hour customer service window: free-form messages reach a user only within 24 h of that user's last message. */

/** How long a user's message opens the customer service window. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Is the window open at `now` for a user whose last inbound message arrived at `lastInboundAt` (ms)? Pure. */
export function windowOpen(lastInboundAt: number | undefined, now: number): boolean {
  return lastInboundAt !== undefined && now - lastInboundAt < SERVICE_WINDOW_MS;
}

/** When the window closes (ms), or undefined when it was never opened. */
export function windowClosesAt(lastInboundAt: number | undefined): number | undefined {
  return lastInboundAt === undefined ? undefined : lastInboundAt + SERVICE_WINDOW_MS;
}
