/**
 * Multi-row `INSERT … ON CONFLICT(id) DO NOTHING` for merges, which bring tens of thousands of
 * rows at once. One statement call per BATCH_ROWS rows, with positional parameters: in
 * better-sqlite3 each call (reset, bind by name, step) costs about as much as SQLite's own work
 * for a small row, so a row at a time made a 100,000-attempt import twice as slow.
 */
import type Database from 'better-sqlite3';

type Row = Record<string, unknown>;

/**
 * 500 rows of at most 17 columns (8,500 parameters) stay far below SQLite's limit of 32,766 per
 * statement; 500 rather than 100 took about a tenth off inserting 100,000 attempts.
 */
const BATCH_ROWS = 500;

export class BatchInserter {
  private readonly statements = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database, private readonly table: string, private readonly columns: readonly string[]) {}

  /**
   * Inserts the rows of `records` whose id is new. `onInserted` is called with every batch in
   * which at least one row was new (so it may see a few rows that were already present: callers
   * use it for derived data that is recomputed whole, where one extra is harmless).
   * `onBatch` is called after every batch with how many records of `records` have been written
   * (for progress). Returns how many rows were inserted.
   */
  insertAll<T>(
    records: readonly T[],
    toRow: (record: T) => Row,
    onInserted: (batch: readonly T[]) => void = () => {},
    onBatch: (written: number) => void = () => {},
  ): number {
    let inserted = 0;
    const values: unknown[] = [];
    for (let start = 0; start < records.length; start += BATCH_ROWS) {
      const batch = records.slice(start, start + BATCH_ROWS);
      values.length = 0;
      for (const record of batch) {
        const row = toRow(record);
        for (const column of this.columns) values.push(row[column]);
      }
      const changes = this.statement(batch.length).run(values).changes;
      if (changes > 0) onInserted(batch);
      inserted += changes;
      onBatch(start + batch.length);
    }
    return inserted;
  }

  private statement(rowCount: number): Database.Statement {
    let statement = this.statements.get(rowCount);
    if (!statement) {
      const tuple = `(${this.columns.map(() => '?').join(', ')})`;
      statement = this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(', ')})
        VALUES ${Array.from({ length: rowCount }, () => tuple).join(', ')} ON CONFLICT(id) DO NOTHING`);
      this.statements.set(rowCount, statement);
    }
    return statement;
  }
}
