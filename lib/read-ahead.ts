/**
 * The items of `items`, the next one always being read while the caller works on the current one.
 * A read's error comes out where that item is asked for; stopping early waits for the read in
 * flight, then closes `items`.
 */
export async function* readAhead<T>(items: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = items.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = items.next();
      next.catch(() => {}); // handled where it is awaited, above
      yield current.value;
    }
  } finally {
    await next.catch(() => {});
    await items.return(undefined);
  }
}
