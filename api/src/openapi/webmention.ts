/** OpenAPI of Webmention receiving: the endpoint a blog advertises with `<link rel="webmention">`, and a status URL. */
import { describeRoute } from 'hono-openapi';
import { WEBMENTION_URL_MAX } from '../contract/webmention.js';
import { schemaRef } from './describe.js';

const error = (status: number, description: string) => ({
  description,
  content: { 'application/json': { schema: schemaRef('ErrorBody') } },
  ...(status === 429 ? { headers: { 'Retry-After': { schema: { type: 'integer' as const } } } } : {}),
});
const storage = { $ref: '#/components/responses/Error503' };
const bug = { $ref: '#/components/responses/Error500' };

export const webmentionDocs = {
  receive: describeRoute({
    summary: 'Receive a Webmention (W3C Recommendation) for a page of the site',
    description:
      'A form (`application/x-www-form-urlencoded`) with `source` and `target`. Checked at once: the site ' +
      'accepts Webmentions (`remote.webmention`), both are http(s) URLs and differ, `target` is on one of ' +
      'the site’s origins. Then queued: the source is fetched in the background (https to public addresses ' +
      'only, 1 MB, 10 s) and must link to the target. An h-entry replying to it becomes a comment (held or ' +
      'shown per the site’s rules); likes and reposts are counted on the page; a new Webmention for the same ' +
      'source updates the comment, a 410 at the source (or no link any more) removes it. Throttled per ' +
      'client and per source host. The body is limited to 8 KB.',
    tags: ['comments'],
    requestBody: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            properties: {
              source: {
                type: 'string',
                minLength: 1,
                maxLength: WEBMENTION_URL_MAX,
                description: 'the page that mentions',
              },
              target: {
                type: 'string',
                minLength: 1,
                maxLength: WEBMENTION_URL_MAX,
                description: 'the page mentioned',
              },
            },
            required: ['source', 'target'],
          },
        },
      },
    },
    responses: {
      202: {
        description: 'queued for verification: its status URL in `Location` and the body',
        headers: { Location: { schema: { type: 'string' as const } } },
        content: { 'application/json': { schema: schemaRef('WebmentionAccepted') } },
      },
      400: error(400, '`invalid_input` (a field missing), or `webmention_invalid` (`details.fields`)'),
      403: error(403, '`webmention_off`: the site accepts no Webmentions'),
      404: error(404, '`site_not_found`'),
      413: error(413, '`payload_too_large`'),
      429: error(429, '`rate_limited` (`Retry-After`)'),
      500: bug,
      503: storage,
    },
  }),
  status: describeRoute({
    summary: 'The status of a Webmention received (kept 7 days)',
    tags: ['comments'],
    responses: {
      200: {
        description: 'queued, accepted (and what it became), refused or failed (and why)',
        content: { 'application/json': { schema: schemaRef('WebmentionStatus') } },
      },
      400: error(400, '`invalid_input`'),
      404: error(404, '`not_found`: no such Webmention on this site'),
      500: bug,
      503: storage,
    },
  }),
};
