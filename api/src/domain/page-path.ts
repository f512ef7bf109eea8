/**
 * Page identity: one post is one thread, however its URL is written.
 * Rule: take the path only (a full URL loses scheme, host, query and fragment; dot segments resolved
 * as a browser does), decode and re-encode each segment canonically (an encoded `/` stays in its
 * segment) in Unicode NFC, collapse repeated slashes, drop a trailing `index.html`/`index.htm`,
 * and end every path whose last segment has no file extension with a slash
 * (`/posts/hello` and `/posts/hello/index.html` are both `/posts/hello/`; `/about.html` stays).
 */

export const MAX_PAGE_LENGTH = 512;

export function normalizePage(input: string): string | undefined {
  const raw = input.trim();
  if (raw === '' || raw.length > 2048 || /[\u0000-\u001f\u007f]/.test(raw)) return undefined;
  let path: string;
  try {
    const url = raw.startsWith('//')
      ? new URL(`http:${raw}`)
      : raw.startsWith('/')
        ? new URL(raw, 'http://x')
        : new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    path = url.pathname;
  } catch {
    return undefined;
  }
  // Each segment is decoded on its own, so an encoded slash stays inside its segment, and put in
  // Unicode NFC, so one title typed on two systems is one thread. Dot segments were resolved by URL.
  const segments = path
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s).normalize('NFC');
      } catch {
        return s.normalize('NFC');
      }
    })
    .filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return undefined;
  const last = segments.at(-1);
  if (last !== undefined && /^index\.html?$/i.test(last)) segments.pop();
  const tail = segments.at(-1);
  const isFile = tail !== undefined && /\.[A-Za-z0-9]{1,8}$/.test(tail);
  const encoded = segments.map((s) => encodeURIComponent(s).replace(/%40/g, '@').replace(/%3A/gi, ':'));
  const out = `/${encoded.join('/')}${segments.length > 0 && !isFile ? '/' : ''}`;
  return out.length <= MAX_PAGE_LENGTH ? out : undefined;
}

/** A page's public URL as the embed reports it: kept only when it is an absolute http(s) URL. */
export function cleanPageUrl(input: string | undefined): string | undefined {
  const raw = input?.trim();
  if (!raw || raw.length > 2048 || /[\u0000-\u0020\u007f]/.test(raw)) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
