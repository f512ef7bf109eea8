/** The thread: loads a page of comments, sort switch, load more, permalinks, composer, status announcements. */
import { Component, createRef } from 'preact';
import { SORTS } from '../../api/src/contract/limits.js';
import {
  base,
  type Comment,
  call,
  type EditedComment,
  enc,
  type Fail,
  type Options,
  type Posted,
  type Sort,
  type Thread,
  type VoteResult,
} from './api.js';
import { Item, type ThreadProps } from './comment.js';
import { Composer } from './composer.js';
import { errorText, plural, type Strings } from './i18n.js';
import { mine, remember, setVote } from './store.js';
import { buildTree } from './tree.js';

const PERMALINK = /^#comment-([0-9a-z]{8,40})$/;

interface Props {
  o: Options;
  t: Strings;
  lang: string;
  /** Called once the first answer (the thread or an error) has rendered. */
  shown?: () => void;
}

interface State {
  sort: Sort;
  th: Thread | null;
  err: string;
  msg: string;
  /** Comment id to highlight (from a permalink). */
  hl: string;
  busy: boolean;
}

export class App extends Component<Props, State> {
  override state: State = {
    sort: SORTS.includes(this.props.o.sort as Sort) ? (this.props.o.sort as Sort) : 'oldest',
    th: null,
    err: '',
    msg: '',
    hl: '',
    busy: false,
  };
  root = createRef<HTMLElement>();
  /** The thread as last loaded or changed (state lags behind until the next render). */
  th: Thread | null = null;

  override componentDidMount() {
    this.load(this.state.sort).then(this.jump).then(this.own);
    addEventListener('hashchange', this.jump);
  }

  override componentDidUpdate(_: Props, prev: State) {
    const { th, err } = this.state;
    if (!prev.th && !prev.err && (th || err)) this.props.shown?.();
  }

  override componentWillUnmount() {
    removeEventListener('hashchange', this.jump);
  }

  set(th: Thread) {
    this.th = th;
    this.setState({ th });
  }

  /** The text to show for a failed call; set-up errors name the page's origin and the site id. */
  explain = (e: unknown) => {
    const { o, t } = this.props;
    const f = { ...(e as Fail) };
    const fields = f.details?.fields;
    // A data-site that is no site id at all (`My Blog`) is the same mistake as one naming no site.
    if (f.code === 'invalid_input' && Array.isArray(fields) && fields.includes('site'))
      f.code = 'site_not_found';
    f.details = { origin: location.origin, site: o.site, ...f.details };
    return errorText(t, f, base(o));
  };

  load = async (sort: Sort, more = false): Promise<Thread | undefined> => {
    const { o } = this.props;
    const prev = this.th;
    const cursor = more && prev?.nextCursor ? `&cursor=${enc(prev.nextCursor)}` : '';
    this.setState({ busy: true });
    try {
      const d = await call<Thread>(
        o,
        `/comments?site=${enc(o.site)}&page=${enc(o.page)}&sort=${sort}${o.limit ? `&limit=${o.limit}` : ''}${cursor}`,
      );
      if (more && prev) {
        const seen = new Set(prev.comments.map((c) => c.id));
        d.comments = prev.comments.concat(d.comments.filter((c) => !seen.has(c.id)));
      }
      this.set(d);
      this.setState({ err: '' });
      return d;
    } catch (e) {
      this.setState({ err: await this.explain(e) });
    } finally {
      this.setState({ busy: false });
    }
  };

  /** Scrolls to and highlights `#comment-<id>`, loading further pages (a few) to find it. */
  jump = async () => {
    const id = PERMALINK.exec(location.hash)?.[1];
    if (!id) return;
    for (let i = 0; i < 10 && !this.th?.comments.some((c) => c.id === id); i++) {
      if (!this.th?.nextCursor || !(await this.load(this.state.sort, true))) return;
    }
    this.setState({ hl: id }, () => {
      const el = this.root.current?.querySelector<HTMLElement>(`#comment-${id}`);
      el?.scrollIntoView({ block: 'center' });
      el?.querySelector('a')?.focus({ preventScroll: true });
    });
  };

  /** Asks after the reader's own held comments the loaded pages lack: an approval shows wherever they sit. */
  own = async () => {
    const ids = new Set(this.th?.comments.map((c) => c.id));
    for (const [id, m] of Object.entries(mine()))
      if (m.p === this.where && m.c && !ids.has(id))
        await call<EditedComment>(this.props.o, `/comments/${id}`, 'GET', undefined, {
          'X-Afterword-Edit-Token': m.t,
        }).then(
          (r) => remember(id, { ...m, c: r.comment }),
          // Deleted or gone: no longer shown; other failures keep the copy as it was.
          (e: Fail) => /found|deleted/.test(e.code) && remember(id, { ...m, c: undefined }),
        );
    this.forceUpdate();
  };

  change(f: (list: Comment[]) => Comment[], dn = 0) {
    const p = this.th;
    if (p) this.set({ ...p, comments: f(p.comments), page: { ...p.page, count: p.page.count + dn } });
  }

  swap(c: Comment) {
    this.change((l) => l.map((y) => (y.id === c.id ? c : y)));
  }

  get where() {
    return `${this.props.o.site} ${this.props.o.page}`;
  }

  posted = (r: Posted, body: string) => {
    const { t } = this.props;
    const c = r.comment;
    const pending = c.status === 'pending';
    remember(c.id, {
      t: r.editToken,
      u: r.editableUntil,
      b: body,
      p: this.where,
      c: pending ? c : undefined,
    });
    this.change(
      (l) => (this.state.sort === 'newest' && !c.parentId ? [c, ...l] : [...l, c]),
      pending ? 0 : 1,
    );
    this.setState({ msg: pending ? t.pending : t.posted });
  };

  edited = (c: Comment, body: string) => {
    const m = mine()[c.id];
    if (m) remember(c.id, { ...m, b: body, c: m.c && c });
    this.swap(c);
    this.setState({ msg: this.props.t.saved });
  };

  deleted = (c: Comment, placeholder: boolean) => {
    remember(c.id, undefined);
    const gone: Comment = { ...c, html: '', status: 'deleted', author: { name: '', avatar: '' } };
    this.change(
      (l) => (placeholder ? l.map((y) => (y.id === c.id ? gone : y)) : l.filter((y) => y.id !== c.id)),
      c.status === 'approved' ? -1 : 0,
    );
    this.setState({ msg: this.props.t.removed });
  };

  vote = async (c: Comment, value: number) => {
    try {
      const r = await call<VoteResult>(this.props.o, `/comments/${c.id}/vote`, 'POST', {
        value,
      });
      setVote(c.id, r.value);
      this.swap({ ...c, score: r.score });
    } catch (e) {
      this.setState({ msg: await this.explain(e) });
    }
  };

  render({ o, t, lang }: Props, { th, err, msg, sort, busy, hl }: State) {
    const cls = `aw ${o.theme ?? 'auto'}`;
    if (!th) {
      return (
        <div class={cls} part="root" lang={lang}>
          {err ? (
            <p class="err" role="alert">
              {err}{' '}
              <button type="button" onClick={() => this.load(sort)}>
                {t.retry}
              </button>
            </p>
          ) : (
            <p class="muted">{t.loading}</p>
          )}
        </div>
      );
    }
    const seen = new Set(th.comments.map((c) => c.id));
    const pending = Object.entries(mine())
      .filter(([id, m]) => m.p === this.where && m.c && !seen.has(id))
      .map(([, m]) => m.c as Comment);
    const list = th.comments.concat(pending);
    const thread: ThreadProps = {
      options: o,
      t,
      lang,
      locked: th.page.locked,
      highlight: hl,
      composeToken: th.composeToken,
      maxLength: th.settings.maxBodyLength,
      onPosted: this.posted,
      onEdited: this.edited,
      onDeleted: this.deleted,
      onVote: this.vote,
      explain: this.explain,
    };
    return (
      <section ref={this.root} class={cls} part="root" lang={lang} aria-label={t.label}>
        <p class="sr" role="status">
          {msg}
        </p>
        <div class="top">
          <h2 part="title">{plural(t.comments, th.page.count, lang)}</h2>
          <label>
            {t.sort}{' '}
            <select
              value={sort}
              onChange={(e) => {
                const s = e.currentTarget.value as Sort;
                this.setState({ sort: s });
                this.load(s);
              }}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t[s]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {th.page.locked ? (
          <p class="note" part="notice">
            {t.locked}
          </p>
        ) : (
          <Composer {...thread} />
        )}
        {err && (
          <p class="err" role="alert">
            {err}
          </p>
        )}
        {list.length ? (
          <ol class="list">
            {buildTree(list, th.settings.maxDepth).map((n) => (
              <Item key={n.c.id} node={n} {...thread} />
            ))}
          </ol>
        ) : (
          <p class="muted">{t.empty}</p>
        )}
        {th.nextCursor && (
          <button
            type="button"
            class="more"
            part="button"
            disabled={busy}
            onClick={() => this.load(sort, true)}
          >
            {t.more}
          </button>
        )}
      </section>
    );
  }
}
