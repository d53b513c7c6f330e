import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Prepared statements by SQL text, so hot queries are parsed once per connection (least recently used evicted). */
export class StatementCache {
  private readonly statements = new Map<string, StatementSync>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly capacity = 256,
  ) {}

  get(sql: string): StatementSync {
    const cached = this.statements.get(sql);
    if (cached) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.db.prepare(sql);
    if (this.statements.size >= this.capacity) {
      const oldest = this.statements.keys().next();
      if (!oldest.done) this.statements.delete(oldest.value);
    }
    this.statements.set(sql, statement);
    return statement;
  }
}
