/**
 * Streaming XML for importers: sax in strict mode, fed in 64 KB slices with a turn of the event loop
 * between them, DOCTYPE (and with it every entity declaration) refused, nesting and attributes bounded,
 * and each collected record bounded in text and elements (a larger one is skipped, not kept). A file
 * that is not well-formed is read on: the record holding the error is skipped, the error named by line
 * and column; only a file that is not XML from its start, or has too many errors, is refused whole.
 */
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import {
  MAX_ATTRIBUTES,
  MAX_ID_CHARS,
  MAX_RECORD_CHARS,
  MAX_RECORD_NODES,
  MAX_XML_DEPTH,
  mb,
  XML_SLICE_CHARS,
} from './limits.js';
import { pacer } from './pace.js';
import { ImportFormatError, type ImportProblem } from './record.js';

/** Errors read past before a file is refused as too broken to read on. */
export const MAX_XML_ERRORS = 100;
/** Stray characters before the root element read past (more: the file is not XML). */
const MAX_TEXT_BEFORE_ROOT = 64;

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  /** Nesting depth of the element (the root element is 1). */
  depth: number;
  /** The line the element opens on (from 1). */
  line: number;
  /**
   * Why the record is to be skipped: it went past a bound (its content was dropped, only its name, depth
   * and line are kept) or holds XML that is not well-formed (named by line and column).
   */
  skipped?: string;
}

/** The record being collected: its open elements, and what it has cost so far. */
interface Open {
  stack: XmlNode[];
  chars: number;
  nodes: number;
}

/**
 * Yields every element named in `collect` (matched by local or qualified name) as a small tree,
 * once it closes, and a problem for each XML error met outside such a record. Elements outside those
 * are not kept, so memory stays bounded by one record.
 * `onOpen` sees every opening tag (with the path of open tag names) for context like the current thread.
 */
export async function* xmlRecords(
  chunks: AsyncIterable<string | Buffer>,
  collect: Set<string>,
  onOpen?: (name: string, attrs: Record<string, string>, depth: number) => void,
): AsyncGenerator<XmlNode | ImportProblem> {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position: true });
  let open: Open | undefined;
  const ready: (XmlNode | ImportProblem)[] = [];
  let depth = 0;
  let attributes = 0;
  let rooted = false;
  /** The first error before the root element (stray text before it, as some tools leave): read past if short. */
  let preRoot: string | undefined;
  let errors = 0;
  let closing: boolean | 'told' = false;
  let error: Error | undefined;
  const fail = (message: string) => {
    error ??= new ImportFormatError(message);
  };
  const at = () => `line ${parser.line + 1}, column ${parser.column}`;
  parser.ondoctype = () =>
    fail(
      'the file declares a DOCTYPE: entity declarations are refused (they can expand without bound or read local files)',
    );
  parser.onerror = (err) => {
    const why = err.message.split('\n')[0]!.replace(/\.$/, '');
    const where = at();
    parser.resume();
    // sax's own bound (an attribute, name or comment past 64 KB): reading on would keep growing it.
    if (why.startsWith('Max buffer length exceeded')) return fail(`not well-formed XML at ${where}: ${why}`);
    if (!rooted) {
      preRoot ??= `not XML at ${where}: ${why}`;
      if (parser.position > MAX_TEXT_BEFORE_ROOT) fail(preRoot);
      return;
    }
    if (depth === 0) return; // after the root element closed: nothing more is read
    if (closing) {
      // sax may name the cut more than once (an unfinished tag, then the unclosed root): one problem.
      if (closing !== 'told')
        ready.push({
          kind: 'problem',
          where,
          message: 'the file ends before its elements close (cut short?)',
        });
      closing = 'told';
      return;
    }
    if (++errors > MAX_XML_ERRORS)
      return fail(`not well-formed XML: more than ${MAX_XML_ERRORS} errors, the last at ${where}: ${why}`);
    const message = `not well-formed XML at ${where}: ${why}`;
    if (open) open.stack[0]!.skipped ??= message;
    else ready.push({ kind: 'problem', where, message: `${message}; read on after it` });
  };
  parser.onattribute = () => {
    if (++attributes > MAX_ATTRIBUTES) fail(`an element has more than ${MAX_ATTRIBUTES} attributes`);
  };
  const overflow = (why: string) => {
    if (!open) return;
    const root = open.stack[0]!;
    root.skipped ??= why;
    root.children = [];
    root.text = '';
    // Short attributes (ids) stay, so the skipped record can be named.
    for (const [k, v] of Object.entries(root.attrs)) if (v.length > MAX_ID_CHARS) delete root.attrs[k];
  };
  parser.onopentag = (tag) => {
    attributes = 0;
    if (!rooted && preRoot)
      ready.push({
        kind: 'problem',
        where: 'line 1, column 1',
        message: 'stray text before the XML: skipped',
      });
    rooted = true;
    if (++depth > MAX_XML_DEPTH) return fail(`elements are nested more than ${MAX_XML_DEPTH} deep`);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    onOpen?.(tag.name, attrs, depth);
    if (!open && !collect.has(tag.name) && !collect.has(local(tag.name))) return;
    const node: XmlNode = { name: tag.name, attrs, text: '', children: [], depth, line: parser.line + 1 };
    if (!open) {
      open = { stack: [node], chars: 0, nodes: 1 };
      for (const v of Object.values(attrs)) open.chars += v.length;
      if (open.chars > MAX_RECORD_CHARS) overflow(`more than ${mb(MAX_RECORD_CHARS)} in one record`);
      return;
    }
    open.stack.push(node);
    if (open.stack[0]!.skipped) return;
    for (const v of Object.values(attrs)) open.chars += v.length;
    if (++open.nodes > MAX_RECORD_NODES) overflow(`more than ${MAX_RECORD_NODES} elements in one record`);
    else if (open.chars > MAX_RECORD_CHARS) overflow(`more than ${mb(MAX_RECORD_CHARS)} in one record`);
    else open.stack.at(-2)!.children.push(node);
  };
  parser.onclosetag = () => {
    depth--;
    if (!open) return;
    const node = open.stack.pop()!;
    if (open.stack.length === 0) {
      ready.push(node);
      open = undefined;
    }
  };
  const addText = (t: string) => {
    if (!open || open.stack[0]!.skipped) return;
    open.chars += t.length;
    if (open.chars > MAX_RECORD_CHARS) return overflow(`more than ${mb(MAX_RECORD_CHARS)} in one record`);
    open.stack.at(-1)!.text += t;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  const decoder = new StringDecoder('utf8');
  const pace = pacer();
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (let at = 0; at < text.length && !error; at += XML_SLICE_CHARS) {
      parser.write(text.slice(at, at + XML_SLICE_CHARS));
      while (ready.length > 0 && !error) yield ready.shift()!;
      await pace();
    }
    if (error) break;
  }
  if (!error) {
    const cut = open?.stack[0];
    closing = true;
    parser.close();
    if (!rooted && !error) fail(preRoot ?? 'not XML: no element in the file');
    if (cut && !error)
      ready.push({
        kind: 'problem',
        where: `<${cut.name}> at line ${cut.line}`,
        message: 'the file ends inside it (cut short?): skipped',
      });
  }
  if (error) throw error;
  while (ready.length > 0) yield ready.shift()!;
}

export function local(name: string): string {
  const at = name.indexOf(':');
  return at === -1 ? name : name.slice(at + 1);
}

/** The text of the first child with this (qualified or local) name. */
export function child(node: XmlNode, name: string): string | undefined {
  return node.children.find((c) => c.name === name || local(c.name) === name)?.text;
}

export function childNode(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name || local(c.name) === name);
}
