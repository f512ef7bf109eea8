/** Parsers bounded per record and per file, in process: a 100 MB line, an oversized database, JSON read piece by piece. */
import { describe, expect, it } from 'vitest';
import { parseIsso } from './formats/isso.js';
import { jsonPieces, parseBounded } from './formats/json-scan.js';
import { parseNative } from './formats/native.js';
import { parseRemark42 } from './formats/remark42.js';
import { MAX_SQLITE_BYTES } from './limits.js';
import type { ImportRecord } from './record.js';

async function drain(gen: AsyncGenerator<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const line = (id: string) =>
  JSON.stringify({
    id,
    text: 'x',
    locator: { site: 's', url: 'https://b.example/p/' },
    time: '2020-01-01T00:00:00Z',
  });

describe('bounded parsing', () => {
  it('streams past a 100 MB Remark42 line without holding it, and reads the lines around it', async () => {
    const MB = 1024 * 1024;
    const piece = 'z'.repeat(MB);
    let peak = 0;
    async function* chunks() {
      yield `${line('before')}\n{"id":"huge","text":"`;
      for (let i = 0; i < 100; i++) {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        yield piece;
      }
      yield `"}\n${line('after')}\n`;
    }
    const start = process.memoryUsage().heapUsed;
    const records = await drain(parseRemark42(chunks()));
    expect(records.map((r) => (r.kind === 'comment' ? r.sourceId : r.kind))).toEqual([
      'before',
      'problem',
      'after',
    ]);
    expect(records[1]).toMatchObject({
      kind: 'problem',
      message: expect.stringMatching(/a line of 1048576\d\d characters/),
    });
    // One slice of the line and the line bound (2 MB), not the line itself.
    expect(peak - start).toBeLessThan(40 * MB);
  });

  it('refuses an SQLite file past the bound before reading all of it', async () => {
    const MB = 1024 * 1024;
    let sent = 0;
    async function* chunks() {
      yield Buffer.from('SQLite format 3\u0000');
      for (; sent < MAX_SQLITE_BYTES + 64 * MB; sent += MB) yield Buffer.alloc(MB);
    }
    await expect(drain(parseIsso(chunks()))).rejects.toThrow(/larger than 128 MB is not read/);
    expect(sent).toBeLessThanOrEqual(MAX_SQLITE_BYTES);
  });

  it('reads JSON piece by piece: escapes, nesting and odd spacing as JSON.parse reads them', async () => {
    const text =
      ' { "a\\"b" : [1, {"x":"]}\\\\"}], "comments" : [ {"k": "v\\\\"} , [[]] , "s" ], "z": {"comments":[9]} } ';
    const pieces = [];
    for await (const p of jsonPieces(text, 'test', ['comments[]'])) pieces.push(p.value);
    expect(pieces).toEqual([{ k: 'v\\' }, [[]], 's']);
    await expect(
      drain(
        parseNative(
          (async function* () {
            yield '{"format":"afterword-native","version":1,"comments":[{]}';
          })(),
        ),
      ),
    ).rejects.toThrow(/not a Afterword native JSON file/);
    expect(parseBounded(`${'['.repeat(65)}${']'.repeat(65)}`)).toEqual({
      tooLarge: 'a record nested more than 64 deep',
    });
    expect(parseBounded('[[1],[2]]')).toEqual({ value: [[1], [2]] });
  });
});
