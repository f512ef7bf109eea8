/** The pure half of making a comment, the same for every source: body, author, avatar, HTML. */

import { AUTHOR_LIMITS } from '../../contract/limits.js';
import type { RemoteSource } from '../../contract/remote.js';
import { Refusal } from '../failure.js';
import { cleanWebsite, htmlToText, renderMarkdown, sanitize } from '../markdown.js';
import { cleanLine, cleanText } from '../text.js';
import { keyedHash, normalizeEmail } from '../tokens.js';

/** Where a comment comes from; each source has one status policy in `create.ts`. */
export type CommentSource = 'web' | 'moderator' | 'import' | RemoteSource;

/** A body as the source gives it: markdown (rendered here) or HTML (sanitized here). */
export type BodyInput = { markdown: string } | { html: string; text?: string };

export interface AuthorInput {
  name?: string | undefined;
  email?: string | undefined;
  website?: string | undefined;
}

export interface CleanAuthor {
  name: string;
  email?: string;
  emailHash?: string;
  website?: string;
}

export interface PreparedBody {
  /** What the author wrote (markdown), or the text of an HTML body. */
  body: string;
  /** Sanitized HTML: what every output shows. */
  html: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** One body check: cleaned, trimmed, not empty, not longer than the site allows. */
export function checkBody(raw: string, max: number): string {
  const text = cleanText(raw).trim();
  if (text === '') throw new Refusal('invalid_input', 'the comment is empty', { fields: ['body'] });
  if (text.length > max)
    throw new Refusal('comment_too_long', `the comment is longer than ${max} characters`, { max });
  return text;
}

/**
 * One render: markdown through the renderer, HTML through the one sanitizer allowlist. Imports keep
 * what the old system held (`max: Infinity`, and deleted comments may be empty: `allowEmpty`).
 */
export function prepareBody(input: BodyInput, max: number, allowEmpty = false): PreparedBody {
  if ('markdown' in input) {
    const body = allowEmpty ? cleanText(input.markdown).trim() : checkBody(input.markdown, max);
    return { body, html: body === '' ? '' : renderMarkdown(body) };
  }
  const html = sanitize(cleanText(input.html)).trim();
  const body = input.text === undefined ? htmlToText(html) : cleanText(input.text).trim();
  if (!allowEmpty && html === '' && body === '')
    throw new Refusal('invalid_input', 'the comment is empty', { fields: ['body'] });
  return { body, html };
}

/** One cleaning of name, email and website; an address that is not one is dropped, not stored. */
export function cleanAuthor(secret: string, input: AuthorInput): CleanAuthor {
  const email = input.email ? normalizeEmail(cleanLine(input.email)) : '';
  const valid = email.length <= AUTHOR_LIMITS.email && EMAIL.test(email) ? email : undefined;
  const website = cleanWebsite(input.website);
  return {
    name: cleanLine(input.name).slice(0, AUTHOR_LIMITS.name) || 'Anonymous',
    ...(valid ? { email: valid, emailHash: keyedHash(secret, 'email', valid) } : {}),
    ...(website ? { website } : {}),
  };
}

/**
 * One avatar recipe: a keyed hash of the site and the author's identity (email hash, else name and
 * client), so the seed links nobody across sites and carries no personal data.
 */
export function avatarSeed(secret: string, site: string, author: CleanAuthor, client: string): string {
  const who = author.emailHash ?? `${author.name}\u0000${client}`;
  return keyedHash(secret, 'avatar', `${site}\u0000${who}`).slice(0, 12);
}
