/**
 * The query string of a request as handlers read it (`ctx.query`). Kept apart from router.ts so the
 * request context can use it without importing the router, which imports the context's type.
 */

/**
 * Parsed query string keeping repeated keys (`?tags=a&tags=b`), from the raw query (no leading `?`).
 * `+` is a space, as in form encoding, which is how Python and Java clients send spaces.
 */
export class Query {
  private readonly map = new Map<string, string[]>();

  constructor(rawQuery: string) {
    if (rawQuery === '') return;
    for (const part of rawQuery.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const k = decodeLoose(eq < 0 ? part : part.slice(0, eq));
      const v = decodeLoose(eq < 0 ? '' : part.slice(eq + 1));
      const list = this.map.get(k);
      if (list) list.push(v);
      else this.map.set(k, [v]);
    }
  }

  /** The first value of a key, or undefined. */
  get(key: string): string | undefined {
    return this.map.get(key)?.[0];
  }

  /** Every value of a key (empty when absent). */
  getAll(key: string): string[] {
    return this.map.get(key) ?? [];
  }

  /** Whether the key appears. */
  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Every key present. */
  keys(): string[] {
    return [...this.map.keys()];
  }
}

function decodeLoose(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
