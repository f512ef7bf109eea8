/** One comment with its replies: author, avatar, time, marks, body, votes, and reply/edit/delete in place. */
import { Component } from 'preact';
import { call } from './api.js';
import type { App } from './app.js';
import { Avatar } from './avatar.js';
import { Composer } from './composer.js';
import { errorText, fmt } from './i18n.js';
import { mine, votes } from './store.js';
import { ago, exact } from './time.js';
import type { Node } from './tree.js';

interface Props {
  n: Node;
  x: App;
}

interface State {
  mode: '' | 'reply' | 'edit';
  err: string;
}

export class Item extends Component<Props, State> {
  override state: State = { mode: '', err: '' };
  close = () => this.setState({ mode: '' });

  remove = async () => {
    const { n, x } = this.props;
    const own = mine()[n.c.id];
    if (!own || !confirm(x.props.t.confirmDel)) return;
    try {
      const r = await call<{ placeholder: boolean }>(x.props.o, `/comments/${n.c.id}`, 'DELETE', undefined, {
        'X-Afterword-Edit-Token': own.t,
      });
      x.deleted(n.c, r.placeholder);
    } catch (e) {
      this.setState({ err: errorText(x.props.t, e) });
    }
  };

  render({ n, x }: Props, { mode, err }: State) {
    const { c } = n;
    const { t, lang } = x.props;
    const own = mine()[c.id];
    const gone = c.status === 'deleted';
    const open = !x.th?.page.locked && !gone;
    const voted = votes()[c.id] ?? 0;
    const site = c.author.website;
    return (
      <li id={`comment-${c.id}`} class={x.state.hl === c.id ? 'hl' : undefined}>
        <article class="cm" part="comment">
          {gone ? (
            <p class="muted">{t.deleted}</p>
          ) : (
            <>
              <header class="meta">
                <Avatar seed={c.author.avatar} />
                <b class="au" part="author">
                  {site && /^https?:\/\//i.test(site) ? (
                    <a href={site} rel="nofollow ugc noopener" target="_blank">
                      {c.author.name}
                    </a>
                  ) : (
                    c.author.name
                  )}
                </b>
                {c.author.moderator && <span class="tag">{t.mod}</span>}
                {c.pinned && <span class="tag">{t.pinned}</span>}
                <a class="muted" href={`#comment-${c.id}`}>
                  <time dateTime={c.createdAt} title={exact(c.createdAt, lang)}>
                    {ago(c.createdAt, lang)}
                  </time>
                </a>
                {c.editedAt && <span class="muted">({t.edited})</span>}
                {n.to && <span class="muted">{fmt(t.inReplyTo, { name: n.to })}</span>}
              </header>
              {c.status === 'pending' && (
                <p class="note" part="notice">
                  {t.pending}
                </p>
              )}
              {mode === 'edit' ? (
                <Composer x={x} edit={c} done={this.close} />
              ) : (
                <div class="body" part="body" dangerouslySetInnerHTML={{ __html: c.html }} />
              )}
              <div class="acts">
                {c.status === 'approved' && (
                  <>
                    <button
                      type="button"
                      class="vote"
                      aria-label={t.up}
                      aria-pressed={voted > 0}
                      onClick={() => x.vote(c, voted > 0 ? 0 : 1)}
                    >
                      ▲
                    </button>
                    <span class="score">{c.score}</span>
                    <button
                      type="button"
                      class="vote"
                      aria-label={t.down}
                      aria-pressed={voted < 0}
                      onClick={() => x.vote(c, voted < 0 ? 0 : -1)}
                    >
                      ▼
                    </button>
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
                    <button type="button" onClick={this.remove}>
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
          {mode === 'reply' && <Composer x={x} parent={c} done={this.close} />}
        </article>
        {n.kids.length > 0 && (
          <ol>
            {n.kids.map((k) => (
              <Item key={k.c.id} n={k} x={x} />
            ))}
          </ol>
        )}
      </li>
    );
  }
}
