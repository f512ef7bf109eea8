/** Request schemas of the portability routes (export, import, feeds, GDPR); also feed the OpenAPI document. */
import { type } from 'arktype';
import { SiteId } from '../schemas.js';

export const IMPORT_FORMATS = [
  'disqus',
  'wordpress',
  'isso',
  'remark42',
  'commento',
  'waline',
  'native',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const SiteParam = type({ site: SiteId });

export const ExportQuery = type({ 'cursor?': 'string <= 2048' });

export const ImportQuery = type({
  format: "'disqus' | 'wordpress' | 'isso' | 'remark42' | 'commento' | 'waline' | 'native'",
  /** `old=new` host rewrites, e.g. `old.example.com=blog.example.com`, repeatable. */
  'rewrite?': type('string <= 600').or(type('string <= 600').array().atMostLength(20)),
  /** Records of the file already taken by earlier calls (`nextSkip` of the last answer): read past, not re-checked. */
  'skip?': /^[0-9]{1,9}$/,
});

export const FeedQuery = type({ site: SiteId, 'page?': 'string <= 2048' });

export const GdprQuery = type({ email: 'string.email <= 254' });
