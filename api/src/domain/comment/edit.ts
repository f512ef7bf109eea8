/** An author's edit runs the rules a post runs: the same body check and render, the guard, the hold. */
import type { CommentItem, SiteItem } from '../../store/items.js';
import { clientKey } from '../client.js';
import { keyedHash } from '../tokens.js';
import type { ClientFacts, CommentEnv } from './create.js';
import { prepareBody } from './prepare.js';
import { decideStatus } from './status.js';

export interface EditInput {
  site: SiteItem;
  comment: CommentItem;
  /** New markdown. */
  body: string;
  client: ClientFacts;
}

/** Replaces the text; what the site would hold for this text as a new post is held again. */
export async function editComment(env: CommentEnv, input: EditInput): Promise<CommentItem> {
  const { comment: c, site } = input;
  const { body, html } = prepareBody({ markdown: input.body }, site.maxBodyLength);
  const decision = await decideStatus(
    env,
    site,
    c.byModerator ? 'moderator' : 'web',
    {
      id: c.id,
      page: c.page,
      body,
      name: c.authorName,
      email: c.authorEmail,
      emailHash: c.emailHash,
      ipHash: keyedHash(env.secret, 'ip', clientKey(input.client.ip)),
      website: c.authorWebsite,
      client: input.client,
      edit: true,
    },
    c.status,
  );
  return env.store.comments.edit(c, body, html, env.now().toISOString(), {
    status: decision.status,
    spamReasons: decision.reasons,
  });
}
