/** One comment with its replies: author, avatar, time, marks, body, votes, and reply/edit/delete in place (their calls in write.js). */
import { Component } from 'preact';
import type { App } from './app.js';
import { Avatar } from './avatar.js';
import { Composer } from './composer.js';
import { fmt, type Strings } from './i18n.js';
import { act } from './lazy.js';
import { Chips } from './reaction-chips.js';
import { mine, votes } from './store.js';
import { ago, exact } from './time.js';
import type { Node } from './tree.js';

/** What every comment and composer of a thread shares: its options, texts, state and callbacks. */
export interface ThreadProps {
  /** The thread (its options, state, and what posts, edits, deletions and votes change). */
  app: App;
  t: Strings;
  lang: string;
  locked: boolean;
  /** Id of the comment to highlight (from a permalink). */
  highlight: string;
  maxLength?: number;
}

interface Props extends ThreadProps {
  node: Node;
}

interface State {
  mode: '' | 'reply' | 'edit';
  err: string;
}

export class Item extends Component<Props, State> {
  override state: State = { mode: '', err: '' };
  close = () => this.setState({ mode: '' });

  render({ node, ...thread }: Props, { mode, err }: State) {
    const { c } = node;
    const { t, lang } = thread;
    const vote = (v: number) => act(this, thread.app, (w) => w.vote(thread.app, c, v));
    const own = mine()[c.id];
    const gone = c.status === 'deleted';
    const open = !thread.locked && !gone;
    const voted = votes()[c.id] ?? 0;
    const site = c.author.website;
    return (
      <li id={`comment-${c.id}`} class={thread.highlight === c.id ? 'hl' : undefined}>
        <article class="cm" part="comment">
          {gone ? (
            <p class="muted">{t.deleted}</p>
          ) : (
            <>
              <header class="meta">
                <Avatar seed={c.author.avatar} />
                <b class="au" part="author" dir="auto">
                  {site && /^https?:\/\//i.test(site) ? (
                    <a href={site} rel="nofollow ugc noopener" target="_blank">
                      {c.author.name}
                    </a>
                  ) : (
                    c.author.name
                  )}
                </b>
                {c.author.moderator && <span class="tag">{t.mod}</span>}
                {c.author.verified && <span class="tag">{t.verified}</span>}
                {c.pinned && <span class="tag">{t.pinned}</span>}
                <a class="muted" href={`#comment-${c.id}`}>
                  <time dateTime={c.createdAt} title={exact(c.createdAt, lang)}>
                    {ago(c.createdAt, lang)}
                  </time>
                </a>
                {c.editedAt && <span class="muted">({t.edited})</span>}
                {node.to && <span class="muted">{fmt(t.inReplyTo, { name: node.to })}</span>}
              </header>
              {c.status === 'pending' && (
                <p class="note" part="notice">
                  {t.pending}
                </p>
              )}
              {mode === 'edit' ? (
                <Composer {...thread} edit={c} done={this.close} />
              ) : (
                <div class="body" part="body" dir="auto" dangerouslySetInnerHTML={{ __html: c.html }} />
              )}
              <div class="acts">
                {c.status === 'approved' && (
                  <>
                    <button
                      type="button"
                      class="vote"
                      aria-label={t.up}
                      aria-pressed={voted > 0}
                      onClick={() => vote(voted > 0 ? 0 : 1)}
                    >
                      ▲
                    </button>
                    <span class="score">{c.score}</span>
                    <button
                      type="button"
                      class="vote"
                      aria-label={t.down}
                      aria-pressed={voted < 0}
                      onClick={() => vote(voted < 0 ? 0 : -1)}
                    >
                      ▼
                    </button>
                    <Chips app={thread.app} id={c.id} r={c.reactions} />
                  </>
                )}
                {open && c.status === 'approved' && (
                  <button
                    type="button"
                    aria-expanded={mode === 'reply'}
                    onClick={() => this.setState({ mode: 'reply' })}
                  >
                    {t.reply}
                  </button>
                )}
                {own && open && mode !== 'edit' && (
                  <>
                    <button type="button" onClick={() => this.setState({ mode: 'edit' })}>
                      {t.edit}
                    </button>
                    <button
                      type="button"
                      onClick={() => act(this, thread.app, (w) => w.remove(thread.app, c))}
                    >
                      {t.del}
                    </button>
                  </>
                )}
              </div>
              {err && (
                <p class="err" role="alert">
                  {err}
                </p>
              )}
            </>
          )}
          {mode === 'reply' && <Composer {...thread} parent={c} done={this.close} />}
        </article>
        {node.kids.length > 0 && (
          <ol>
            {node.kids.map((k) => (
              <Item key={k.c.id} node={k} {...thread} />
            ))}
          </ol>
        )}
      </li>
    );
  }
}
