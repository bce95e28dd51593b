const pad = (n: number) => String(n).padStart(2, "0");

/** The (given or current) moment's calendar day in the browser's time zone, "YYYY-MM-DD". */
export function localDay(date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "YYYY-MM-DDTHH:mm" in the browser's time zone, for a datetime-local input. */
export function localInputValue(date: Date): string {
  return `${localDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
