/**
 * Micro-cache of rendered public pages. Public pages are the same for every visitor and read
 * far more often than they change; serving them from memory for a few seconds keeps a
 * province-wide portal cheap. Any successful change made through this process clears the
 * cache at once; other app servers behind the same database show it within the TTL.
 * See docs/adr/0007-public-page-cache.md.
 */
export class PageCache {
  private readonly entries = new Map<string, { body: string; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 2000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.body;
  }

  set(key: string, body: string): void {
    if (!this.enabled) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { body, expires: this.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
