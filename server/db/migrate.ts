import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const migrationsDir = join(import.meta.dirname, 'migrations');

/**
 * Migrations are plain SQL files (`NNNN_name.sql`, applied in name order), so a DBA can read and run them
 * without our code. Each file runs as one multi-statement query inside the migrator's transaction.
 */
export class SqlFolderMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: string = migrationsDir) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => f.endsWith('.sql')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(join(this.dir, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        // No parameters, so pg sends it with the simple protocol, which allows several statements.
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/** Brings the database to the latest migration; throws (and applies nothing more) if one fails. */
export async function migrateToLatest(db: Kysely<unknown>, dir?: string): Promise<string[]> {
  // Each line of work has its own range of numbers, so a migration may land with a number below one a database
  // already ran: it runs all the same (docs/decisions/0097-migration-numbers.md).
  const migrator = new Migrator({ db, provider: new SqlFolderMigrationProvider(dir), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
