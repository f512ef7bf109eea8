/** Request schemas (arktype), validated at the edge and the single source of the OpenAPI description. */
import { type } from 'arktype';

export const SiteId = type(/^[a-z0-9][a-z0-9-]{0,39}$/).describe(
  'a site id: lower-case letters, digits, dashes',
);
export const CommentId = type(/^[0-9a-z]{8,40}$/).describe('a comment id');
const optionalText = (max: number) => type(`string <= ${max}`);

export const Author = type({
  'name?': optionalText(80),
  'email?': type('string.email <= 254').or("''"),
  'website?': optionalText(300),
});

export const PostComment = type({
  site: SiteId,
  page: 'string <= 2048',
  'parentId?': CommentId.or('null'),
  body: 'string <= 50000',
  'author?': Author,
  'title?': optionalText(300),
  'url?': optionalText(2048),
  'notify?': 'boolean',
  /** Signed timestamp handed out with the thread (minimum compose time; see domain/spam). */
  'composeToken?': 'string <= 400',
  /** Honeypot: a field people never see and never fill. */
  'hp?': 'string <= 2000',
});

export const EditComment = type({ body: 'string <= 50000' });

export const Vote = type({ value: '1 | -1 | 0' });

export const Preview = type({ body: 'string <= 50000', 'site?': SiteId });

export const ThreadQuery = type({
  site: SiteId,
  page: 'string <= 2048',
  'sort?': "'oldest' | 'newest' | 'top'",
  'limit?': /^[0-9]{1,3}$/,
  'cursor?': 'string <= 2048',
});

export const CountsQuery = type({
  site: SiteId,
  page: type('string <= 2048').or(type('string <= 2048').array().atMostLength(100)),
});

export const EditTokenHeader = type({ 'x-afterword-edit-token': 'string <= 200' });
export const IdempotencyHeader = type({ 'idempotency-key?': 'string <= 200' });
export const IdParam = type({ id: CommentId });
