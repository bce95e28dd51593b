import type { Catalog } from "./catalogs";

/**
 * The part of a catalog client components may read: the named namespaces ("clientList") or parts
 * of one ("dashboard.todos"), each whole. Everything else stays on the server, out of the page.
 */
export function pickMessages(messages: Catalog, namespaces: readonly string[]): Catalog {
  const out: Catalog = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    let source: Catalog | Catalog[string] | undefined = messages;
    for (const key of path) source = isPart(source) ? source[key] : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Catalog;
    target[path.at(-1)!] = source;
  }
  return out;
}

/** Both catalogs' parts in one, namespace by namespace (a message is text, or an array once precompiled). */
export function mergeMessages(into: Catalog, more: Catalog): Catalog {
  const out: Catalog = { ...into };
  for (const [key, value] of Object.entries(more)) {
    const existing = out[key];
    out[key] = isPart(existing) && isPart(value) ? mergeMessages(existing, value) : value;
  }
  return out;
}

const isPart = (value: unknown): value is Catalog => typeof value === "object" && value !== null && !Array.isArray(value);
