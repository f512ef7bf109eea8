/** Helpers for the JSON importers: gather the text, parse it with a clear error, read lines as a stream. */
import { StringDecoder } from 'node:string_decoder';
import { ImportFormatError } from '../record.js';

export async function readAll(chunks: AsyncIterable<string | Buffer>): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let out = '';
  for await (const c of chunks) out += typeof c === 'string' ? c : decoder.write(c);
  return (out + decoder.end()).replace(/^\uFEFF/, '');
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ImportFormatError(`not a ${what} file: ${(err as Error).message}`);
  }
}

/** Lines of the input, one at a time (JSON lines), with bounded memory. */
export async function* lines(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const c of chunks) {
    rest += typeof c === 'string' ? c : decoder.write(c);
    let at = rest.indexOf('\n');
    while (at !== -1) {
      yield rest.slice(0, at);
      rest = rest.slice(at + 1);
      at = rest.indexOf('\n');
    }
    if (rest.length > 8_000_000) throw new ImportFormatError('a line longer than 8 MB: not JSON lines');
  }
  rest += decoder.end();
  if (rest.trim() !== '') yield rest;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
