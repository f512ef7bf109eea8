/** Helpers for the JSON importers: gather the text (bounded), read lines as a stream (each bounded). */
import { StringDecoder } from 'node:string_decoder';
import { MAX_JSON_FILE_BYTES, MAX_RECORD_CHARS, mb } from '../limits.js';
import { ImportFormatError } from '../record.js';

/** The whole file as text; a file past the bound is refused before it is all read. */
export async function readAll(chunks: AsyncIterable<string | Buffer>, what: string): Promise<string> {
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > MAX_JSON_FILE_BYTES)
      throw new ImportFormatError(`a ${what} file larger than ${mb(MAX_JSON_FILE_BYTES)} is not read`);
    parts.push(typeof c === 'string' ? c : decoder.write(c));
  }
  parts.push(decoder.end());
  return parts.join('').replace(/^\uFEFF/, '');
}

/** One line of JSON lines, or the note that a line was too long (it is dropped as it streams by). */
export type Line = { text: string; tooLong?: undefined } | { text?: undefined; tooLong: number };

/** Lines of the input, one at a time, with memory bounded by one line of at most a record's size. */
export async function* lines(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  /** Characters of the current line dropped so far (it went past the bound). */
  let dropped = 0;
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    let from = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
      if (dropped > 0) {
        yield { tooLong: dropped + at - from };
        dropped = 0;
      } else if (rest.length + at - from > MAX_RECORD_CHARS) {
        yield { tooLong: rest.length + at - from };
      } else yield { text: rest + text.slice(from, at) };
      rest = '';
      from = at + 1;
    }
    const tail = text.length - from;
    if (dropped > 0) dropped += tail;
    else if (rest.length + tail > MAX_RECORD_CHARS) {
      dropped = rest.length + tail;
      rest = '';
    } else rest += text.slice(from);
  }
  rest += decoder.end();
  if (dropped > 0) yield { tooLong: dropped };
  else if (rest.trim() !== '') yield { text: rest };
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The message for a file that is JSON but not in the format's shape. */
export function notShaped(what: string, expected: string): ImportFormatError {
  return new ImportFormatError(`not a ${what} export: ${expected}`);
}
