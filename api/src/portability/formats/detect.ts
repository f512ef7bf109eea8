/**
 * Which format a file is, told from its first bytes (unpacked first if gzipped): the root element of XML,
 * the SQLite header, the first keys of JSON. Used when no format is named, and to refuse a named one the
 * file plainly is not (a wrong choice must not "succeed" with nothing read).
 */
import { IMPORT_FORMATS, type ImportFormat } from '../../contract/limits.js';
import { ImportFormatError } from '../record.js';
import { gunzip, isGzip, peek } from './source.js';

/** How much of the file detection reads. */
export const DETECT_BYTES = 64 * 1024;

export interface Detected {
  format: ImportFormat;
  /** What the file looks like, for messages ("a Disqus export"). */
  looksLike: string;
}

export const DESCRIBED: Record<ImportFormat, string> = {
  disqus: 'a Disqus export',
  wordpress: 'a WordPress export (WXR)',
  isso: 'an Isso export',
  remark42: 'a Remark42 backup',
  commento: 'a Commento export',
  waline: 'a Waline export',
  native: 'an Afterword export',
};

const SQLITE = 'SQLite format 3\u0000';
/** A JSON key as written (a quote inside a string is escaped, so a body quoting one does not count). */
const key = (name: string) => new RegExp(`(?<!\\\\)"${name}"\\s*:`);

/** The root element's name and its opening tag, past the prolog (declaration, comments, instructions). */
function rootTag(xml: string): { name: string; tag: string } | undefined {
  const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/.exec(xml)?.[0].length ?? 0;
  const m = /^<([A-Za-z_][\w.:-]*)([^>]*)>?/.exec(xml.slice(prolog));
  return m ? { name: m[1]!, tag: m[0] } : undefined;
}

function detectXml(xml: string): Detected | undefined {
  const root = rootTag(xml);
  if (!root) return undefined;
  const name = root.name.replace(/^.*:/, '');
  if (name === 'disqus') return { format: 'disqus', looksLike: DESCRIBED.disqus };
  if (name === 'rss' && /wordpress\.org\/export\//.test(root.tag) && /xmlns:wp=/.test(root.tag))
    return { format: 'wordpress', looksLike: DESCRIBED.wordpress };
  if (name === 'rss' && /<wp:(comment|post_id|wxr_version)\b/.test(xml))
    return { format: 'wordpress', looksLike: DESCRIBED.wordpress };
  return undefined;
}

function detectJson(text: string): Detected | undefined {
  const first = text[0];
  if (first === '[') {
    // Isso's generic JSON: a list of threads, each with its comments.
    return /^\[\s*\{/.test(text) && key('comments').test(text)
      ? { format: 'isso', looksLike: 'Isso generic JSON' }
      : undefined;
  }
  if (first !== '{') return undefined;
  const line1 = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  if (/(?<!\\)"format"\s*:\s*"afterword-native"/.test(text))
    return { format: 'native', looksLike: DESCRIBED.native };
  if (/(?<!\\)"type"\s*:\s*"waline"/.test(text) || /(?<!\\)"data"\s*:\s*\{\s*"Comment"\s*:/.test(text))
    return { format: 'waline', looksLike: DESCRIBED.waline };
  if (key('commentHex').test(text) || key('commenterHex').test(text))
    return { format: 'commento', looksLike: DESCRIBED.commento };
  if (
    key('locator').test(text) ||
    (key('users').test(line1) && key('posts').test(line1) && /\n\s*\{/.test(text))
  )
    return { format: 'remark42', looksLike: DESCRIBED.remark42 };
  if (key('threads').test(text) && (key('tid').test(text) || key('uri').test(text)))
    return { format: 'isso', looksLike: 'Isso JSON (its tables)' };
  return undefined;
}

/** The format the first bytes of a file show, or undefined when they show none for sure. */
export function detectFormat(head: Buffer): Detected | undefined {
  if (head.subarray(0, 16).toString('latin1') === SQLITE)
    return { format: 'isso', looksLike: 'an Isso database' };
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return detectXml(text);
  // A few stray characters before the XML (as some tools leave) are read past by xml.ts too.
  const lt = text.slice(0, 65).indexOf('<?xml');
  if (lt > 0) return detectXml(text.slice(lt));
  return detectJson(text);
}

/** What a file that matches no format looks like, for the message that says so. */
export function describeUnknown(head: Buffer): string {
  if (head.length === 0) return 'an empty file';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) {
    const root = rootTag(text);
    return root ? `XML with a <${root.name}> root, not an export Afterword reads` : 'not well-formed XML';
  }
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON in no shape Afterword knows';
  return 'neither XML, JSON nor an SQLite database';
}

/** A named format the file plainly is not: the message says what it looks like and what to name. */
export class FormatMismatchError extends ImportFormatError {
  override name = 'FormatMismatchError';
  constructor(
    readonly given: ImportFormat,
    readonly detected: ImportFormat,
    readonly looksLike: string,
  ) {
    super(
      `this file looks like ${looksLike}, not ${DESCRIBED[given]}: import it as ${detected}, or name no format`,
    );
  }
}

/**
 * The file's format and its chunks to read (unpacked if gzipped): the named format unless the first
 * bytes plainly show another (refused with what they show), else the one they show (none: refused).
 */
export async function resolveFormat(
  chunks: AsyncIterable<string | Buffer>,
  named: ImportFormat | undefined,
): Promise<{ format: ImportFormat; detected: boolean; chunks: AsyncIterable<string | Buffer> }> {
  let peeked = await peek(chunks, DETECT_BYTES);
  if (isGzip(peeked.head)) peeked = await peek(gunzip(peeked.chunks), DETECT_BYTES);
  const seen = detectFormat(peeked.head);
  if (named && seen && seen.format !== named)
    throw new FormatMismatchError(named, seen.format, seen.looksLike);
  if (named) return { format: named, detected: false, chunks: peeked.chunks };
  if (!seen)
    throw new ImportFormatError(
      `cannot tell the format of this file (it looks like ${describeUnknown(peeked.head)}): name one of ${IMPORT_FORMATS.join(', ')}`,
    );
  return { format: seen.format, detected: true, chunks: peeked.chunks };
}
