/** Markdown to safe HTML: CommonMark (markdown-it, raw HTML escaped) then one sanitize-html allowlist. */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './escape.js';

const md = new MarkdownIt('commonmark', { html: false, linkify: true, breaks: true });
md.enable(['linkify', 'strikethrough']);
// Images are a tracking vector in comments: `![alt](src)` is shown as a link instead.
md.renderer.rules.image = (tokens, idx, _options, _env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], md.options, {});
  return `<a href="${escapeHtml(src)}">${escapeHtml(alt || src)}</a>`;
};

export const SAFE_SCHEMES = ['http', 'https', 'mailto'];

/** The one allowlist that guards every output path (widget, admin, feeds, exports, mail, imports). */
export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'], ol: ['start'] },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href && isSafeUrl(attribs.href) ? attribs.href : undefined;
      const safe: sanitizeHtml.Attributes = href
        ? { href, rel: 'nofollow ugc noopener', target: '_blank' }
        : {};
      return { tagName, attribs: safe };
    },
    // Headings inside a comment must not outrank the blog's own: shift them to h4-h6.
    h1: 'h4',
    h2: 'h4',
    h3: 'h5',
  },
};

/** True for an absolute http(s) or mailto URL with nothing hidden in its scheme. */
export function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  if (/[\u0000-\u001f\u007f\s]/.test(trimmed)) return false;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** Cleans HTML from any source through the one allowlist. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Renders a comment body; called once, at write time (and by the preview endpoint). */
export function renderMarkdown(body: string): string {
  return sanitize(md.render(body)).trim();
}

/** An author's website: an absolute http(s) URL, normalized, or undefined. */
export function cleanWebsite(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!isSafeUrl(withScheme)) return undefined;
  const parsed = new URL(withScheme);
  if (parsed.protocol === 'mailto:') return undefined;
  return parsed.href.length <= 300 ? parsed.href : undefined;
}

/** Plain text of rendered HTML, for feeds titles and mail text parts. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li|h[1-6]|blockquote|pre)>|<br\s*\/?>/gi, '\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
