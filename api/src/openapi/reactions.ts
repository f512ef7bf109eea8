/** OpenAPI of reactions: give or take back one emoji on a comment or on the page itself. */
import { REACTION_PALETTE, REACTION_SET_MAX } from '../contract/reactions.js';
import { op } from './describe.js';

const HOW =
  `One per reader, emoji and target: a signed-in reader (\`X-Afterword-Session\`) reacts as their account, ` +
  `anyone else as their client (an IPv4 address or an IPv6 /64, as for votes). The emoji must be in the ` +
  `site's set for the place (at most ${REACTION_SET_MAX} of ${REACTION_PALETTE.join(' ')}; \`reaction_invalid\` ` +
  'otherwise, `reactions_off` where the site offers none). Giving one again, or taking back one never given, ' +
  'changes nothing and answers the same. A locked thread refuses both (`thread_locked`). The answer holds the ' +
  "target's counts after the request.";

export const reactionDocs = {
  commentOn: op({
    tag: 'comments',
    summary: 'React to a comment with an emoji of the site’s set',
    description: `${HOW} Only shown comments take reactions: a deleted one is 410 \`comment_deleted\`.`,
    ok: { 200: 'ReactionResult' },
    errors: [400, 401, 403, 404, 409, 410],
  }),
  commentOff: op({
    tag: 'comments',
    summary: 'Take back one’s reaction to a comment',
    description: HOW,
    ok: { 200: 'ReactionResult' },
    errors: [400, 401, 403, 404, 409, 410],
  }),
  pageOn: op({
    tag: 'comments',
    summary: 'React to the page itself (`site`, `page`) with an emoji of the site’s page set',
    description: `${HOW} A page nobody commented on yet takes reactions too.`,
    ok: { 200: 'ReactionResult' },
    errors: [400, 401, 403, 404, 409],
  }),
  pageOff: op({
    tag: 'comments',
    summary: 'Take back one’s reaction to the page itself',
    description: HOW,
    ok: { 200: 'ReactionResult' },
    errors: [400, 401, 403, 404, 409],
  }),
};
