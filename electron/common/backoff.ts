/**
 * How long to wait before the next attempt to reach something that went away — a device that was
 * unplugged, the hub's live stream: quickly at first, then every 5 s. One schedule for every part
 * that reconnects, so a clerk sees the same rhythm everywhere.
 */
export const RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 5000];

/** The delay before attempt `attempt` (0 for the first retry); past the end the last step repeats. */
export function retryDelay(attempt: number, steps: readonly number[] = RETRY_DELAYS_MS): number {
  const schedule = steps.length > 0 ? steps : RETRY_DELAYS_MS;
  return schedule[Math.min(Math.max(0, attempt), schedule.length - 1)] ?? 0;
}
