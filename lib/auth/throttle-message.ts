/** Whole minutes to wait until a time, rounded up: "try again in 1 minute" rather than "in 0". */
export function minutesUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
