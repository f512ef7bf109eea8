/** Import test inputs built in the test: the Isso SQLite fixture as a database file, a native export's site block. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { NATIVE_FORMAT, NATIVE_VERSION, type NativeChunk } from './native.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** `fixtures/isso.sql` run into a fresh SQLite database: the bytes of an Isso `comments.db`. */
export async function issoDatabase(): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(readFileSync(join(FIXTURES, 'isso.sql'), 'utf8'));
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}

/** The head of a native export of site `old` (no origins, no moderation), written at `exportedAt`. */
export function nativeHead(
  exportedAt: string,
  createdAt: string,
): Pick<NativeChunk, 'format' | 'version' | 'exportedAt' | 'site'> {
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exportedAt,
    site: {
      id: 'old',
      name: 'Old',
      origins: [],
      moderation: 'none',
      editWindowSec: 900,
      maxDepth: 5,
      maxBodyLength: 5000,
      createdAt,
    },
  };
}
