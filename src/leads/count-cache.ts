/**
 * Remembers `COUNT(*)` answers for a moment. Counting every matching row is the one part of a list
 * request that grows with the table (a full index scan, ~10–25 ms at 100 000 leads), and on SQLite
 * it holds the single connection meanwhile. This process's own writes clear the cache at once;
 * another instance's writes show up within `ttlMs`.
 */
export class CountCache {
  private readonly entries = new Map<string, { value: number; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, count: () => Promise<number>): Promise<number> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const value = await count();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
