/**
 * Streaming XML for importers: sax in strict mode, fed chunk by chunk, with DOCTYPE (and with it every
 * entity declaration: billion laughs, external entities) refused at once.
 */
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import { ImportFormatError } from './record.js';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  /** Nesting depth of the element (the root element is 1). */
  depth: number;
}

/**
 * Yields every element named in `collect` (matched by local or qualified name) as a small tree,
 * once it closes. Elements outside those are not kept, so memory stays bounded by one record.
 * `onOpen` sees every opening tag (with the path of open tag names) for context like the current thread.
 */
export async function* xmlRecords(
  chunks: AsyncIterable<string | Buffer>,
  collect: Set<string>,
  onOpen?: (name: string, attrs: Record<string, string>, depth: number) => void,
): AsyncGenerator<XmlNode> {
  const parser = sax.parser(true, { trim: false, normalize: false, xmlns: false, position: true });
  const stack: XmlNode[] = [];
  const ready: XmlNode[] = [];
  let depth = 0;
  let error: Error | undefined;
  parser.ondoctype = () => {
    error ??= new ImportFormatError(
      'the file declares a DOCTYPE: entity declarations are refused (they can expand without bound or read local files)',
    );
  };
  parser.onerror = (err) => {
    error ??= new ImportFormatError(`not well-formed XML: ${err.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    depth++;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    onOpen?.(tag.name, attrs, depth);
    if (stack.length > 0 || collect.has(tag.name) || collect.has(local(tag.name))) {
      const node: XmlNode = { name: tag.name, attrs, text: '', children: [], depth };
      stack.at(-1)?.children.push(node);
      stack.push(node);
    }
  };
  parser.onclosetag = () => {
    depth--;
    const node = stack.pop();
    if (node && stack.length === 0) ready.push(node);
  };
  const addText = (t: string) => {
    const node = stack.at(-1);
    if (node) {
      if (node.text.length + t.length > 2_000_000) {
        error ??= new ImportFormatError(`an element <${node.name}> holds more than 2 MB of text`);
        return;
      }
      node.text += t;
    }
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    if (error) break;
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) break;
    while (ready.length > 0) yield ready.shift()!;
  }
  if (!error) parser.close();
  if (error) throw error;
  while (ready.length > 0) yield ready.shift()!;
}

function local(name: string): string {
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
