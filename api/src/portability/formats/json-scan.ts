/**
 * JSON read record by record: the text is walked (never parsed whole) down the few paths a format names,
 * and each value found there is parsed alone, once it is known to be within the record bounds (size,
 * nesting, containers). Everything else is skipped by counting brackets. Walking gives the loop turns.
 * A record that is not valid JSON on its own (a stray comma, a bare word) is skipped and named by line
 * and column; only a file whose brackets or strings do not close is refused whole, saying where.
 */
import { MAX_JSON_CONTAINERS, MAX_JSON_DEPTH, MAX_RECORD_CHARS, mb } from '../limits.js';
import { pacer } from '../pace.js';
import { ImportFormatError, type ImportProblem } from '../record.js';
import { isObject } from './json-util.js';

/** Where a piece is: its line in the file, and its index in each array on its path (from 0). */
interface At {
  path: string;
  line: number;
  index: number[];
}

/**
 * A value found at a wanted path (`comments[]`: each element of the top-level `comments` array), or why
 * it was skipped (larger than a record, not valid JSON).
 */
export type JsonPiece = At &
  ({ value: unknown; skipped?: undefined } | { value?: undefined; skipped: string });

const QUOTE = 34;
const BACKSLASH = 92;

/** Why a value can not be parsed as one record, or undefined when it can. */
function recordBounds(text: string, start: number, end: number): string | undefined {
  if (end - start > MAX_RECORD_CHARS) return `a record larger than ${mb(MAX_RECORD_CHARS)}`;
  let depth = 0;
  let containers = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return `a record nested more than ${MAX_JSON_DEPTH} deep`;
      if (++containers > MAX_JSON_CONTAINERS)
        return `a record with more than ${MAX_JSON_CONTAINERS} arrays and objects`;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** The index just past the string starting at `i` (a quote). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length + 1;
    let slashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Line and column (from 1) of an offset, counted on from the last offset asked (offsets only grow). */
export function lineCounter(text: string): (offset: number) => { line: number; column: number } {
  let line = 1;
  let from = 0;
  let lineStart = 0;
  let next = text.indexOf('\n');
  return (offset) => {
    if (offset < from) {
      line = 1;
      lineStart = 0;
      next = text.indexOf('\n');
    }
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf('\n', lineStart);
    }
    from = offset;
    return { line, column: offset - lineStart + 1 };
  };
}

/** JSON.parse's complaint without the text it quotes, and the offset it names (if it names one). */
export function parseComplaint(err: unknown): { why: string; position?: number } {
  const message = (err as Error).message;
  const position = /at position (\d+)/.exec(message)?.[1];
  const why = message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .slice(0, 120);
  return position === undefined ? { why } : { why, position: Number(position) };
}

/** Parses one bounded JSON text (a line of JSON lines): the value, or why it was not parsed. */
export function parseBounded(text: string): { value: unknown } | { tooLarge: string } {
  const why = recordBounds(text, 0, text.length);
  return why ? { tooLarge: why } : { value: JSON.parse(text) };
}

/**
 * Yields the values at the wanted paths (`a.b` for keys, `[]` for every element of an array), in file
 * order. `shapes` learns the first character of each value met on the way to them (`[` for an array).
 */
export async function* jsonPieces(
  text: string,
  what: string,
  wanted: string[],
  shapes: Map<string, string> = new Map(),
): AsyncGenerator<JsonPiece> {
  const want = new Set(wanted);
  const prefixes = new Set<string>(['']);
  for (const w of wanted) {
    const parts = w.match(/\[\]|[^.[\]]+/g) ?? [];
    let p = '';
    for (const part of parts.slice(0, -1)) {
      p = part === '[]' ? `${p}[]` : p ? `${p}.${part}` : part;
      prefixes.add(p);
    }
  }
  const lines = lineCounter(text);
  const place = (offset: number) => {
    const { line, column } = lines(offset);
    return `line ${line}, column ${column}`;
  };
  const fail = (message: string): never => {
    throw new ImportFormatError(`not a ${what} file: ${message}`);
  };
  const index: number[] = [];
  const pace = pacer();
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };

  /** Moves past one value of any size, counting brackets, with turns now and then. */
  async function skip(): Promise<void> {
    const start = i;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i > text.length) fail(`a string is not closed (it opens at ${place(start)})`);
      return;
    }
    if (c !== 91 && c !== 123) {
      const m = /-?[0-9][0-9.eE+-]*|true|false|null/y;
      m.lastIndex = i;
      if (!m.test(text)) fail(`unexpected character at ${place(i)}`);
      i = m.lastIndex;
      return;
    }
    let depth = 0;
    for (let steps = 0; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) i = stringEnd(text, i) - 1;
      else if (d === 91 || d === 123) depth++;
      else if (d === 93 || d === 125) {
        if (--depth === 0) {
          i++;
          return;
        }
      }
      if (++steps % 65536 === 0) await pace();
    }
    fail(`an array or object is not closed (it opens at ${place(start)})`);
  }

  async function* walk(path: string): AsyncGenerator<JsonPiece> {
    ws();
    const c = text.charCodeAt(i);
    if (!shapes.has(path)) shapes.set(path, text[i] ?? '');
    if (want.has(path)) {
      const start = i;
      await skip();
      const line = lines(start).line;
      const at = index.slice();
      const why = recordBounds(text, start, i);
      if (why) {
        yield { path, line, index: at, skipped: why };
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(text.slice(start, i));
      } catch (err) {
        const { why, position } = parseComplaint(err);
        const where = position === undefined ? `line ${line}` : place(start + position);
        yield { path, line, index: at, skipped: `not valid JSON at ${where}: ${why}` };
        return;
      }
      yield { path, line, index: at, value };
      return;
    }
    if (!prefixes.has(path) || (c !== 91 && c !== 123)) return skip();
    i++;
    ws();
    const close = c === 91 ? 93 : 125;
    if (text.charCodeAt(i) === close) {
      i++;
      return;
    }
    if (c === 91) index.push(0);
    for (;;) {
      ws();
      if (c === 91) yield* walk(`${path}[]`);
      else {
        if (text.charCodeAt(i) !== QUOTE) fail(`expected a key at ${place(i)}`);
        const start = i;
        i = stringEnd(text, i);
        const key = JSON.parse(text.slice(start, i)) as string;
        ws();
        if (text.charCodeAt(i) !== 58) fail(`expected ":" at ${place(i)}`);
        i++;
        yield* walk(path ? `${path}.${key}` : key);
      }
      ws();
      const d = text.charCodeAt(i++);
      if (d === close) {
        if (c === 91) index.pop();
        return;
      }
      if (d !== 44) fail(`expected "," at ${place(i - 1)}`);
      if (c === 91) index[index.length - 1]!++;
      await pace();
    }
  }

  yield* walk('');
  ws();
  if (i < text.length) fail(`unexpected text after the end at ${place(i)}`);
}

/** The value at one top-level key, parsed alone (undefined when missing or larger than a record). */
export async function jsonValue(text: string, what: string, path: string): Promise<unknown> {
  for await (const piece of jsonPieces(text, what, [path])) return piece.value;
  return undefined;
}

/**
 * The objects at one path (`comments[]`), numbered from 1, with the line each starts on; what cannot be
 * one (too large, not valid JSON, not an object) comes as a problem record to report and skip.
 */
export async function* jsonRecords(
  text: string,
  what: string,
  path: string,
  shapes?: Map<string, string>,
): AsyncGenerator<{ n: number; line: number; record: Record<string, unknown> } | ImportProblem> {
  let n = 0;
  for await (const { value, skipped, line } of jsonPieces(text, what, [path], shapes)) {
    const where = `comment #${++n} (line ${line})`;
    if (skipped) yield { kind: 'problem', where, message: `skipped: ${skipped}` };
    else if (!isObject(value)) yield { kind: 'problem', where, message: 'not an object' };
    else yield { n, line, record: value };
  }
}
