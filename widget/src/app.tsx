/**
 * The thread: first from its published file (sorted and paged here while the file holds the whole thread), else
 * and past the file from the API; the file read again now and then while in view; sort switch, load more,
 * composer, status announcements. Writing, acting on comments and permalinks come from lazy chunks.
 */
import { Component, createRef } from 'preact';
import { pageSize, SORTS } from '../../api/src/contract/limits.js';
import { base, type Comment, call, enc, type Options, type Sort, type Thread } from './api.js';
import { Item, type ThreadProps } from './comment.js';
import { Composer } from './composer.js';
import { dirOf, errorText, plural, type Strings } from './i18n.js';
import { lazy } from './lazy.js';
import { Chips } from './reaction-chips.js';
import { mine, session } from './store.js';
import { fromFile, LIVE_MS, MORE, readFile, type ThreadFile } from './thread-file.js';
import { buildTree } from './tree.js';

export interface Props {
  o: Options;
  t: Strings;
  lang: string;
  /** Called once the first answer (the thread or an error) has rendered. */
  shown?: () => void;
  /** The thread file as the first view read it (null: none); undefined: not read yet. */
  f?: ThreadFile | null;
  /** When (Date.now()) the file is first read again; else `live` (or LIVE_MS) after the view shows. */
  due?: number;
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
  size = pageSize('thread', this.props.o.limit);
  sort: Sort = SORTS.includes(this.props.o.sort as Sort) ? (this.props.o.sort as Sort) : 'oldest';
  /** The thread file as last read (null: none), `n` of its comments shown; `api`: the view holds API pages. */
  file: ThreadFile | null = this.props.f ?? null;
  /** The thread as last loaded or changed (state lags behind until the next render): from the first view's file at once. */
  th: Thread | null = (this.file && fromFile(this.file, this.sort, this.size)) || null;
  n = this.th ? this.size : 0;
  api = false;
  override state: State = { sort: this.sort, th: this.th, err: '', msg: '', hl: '', busy: false };
  root = createRef<HTMLElement>();
  /** The reader's own approved comments posted here that the file does not hold yet. */
  fresh: Comment[] = [];
  /** Reading the file again (live.js, loaded once the first wait is over): its timer, then what stops it. */
  timer?: ReturnType<typeof setTimeout>;
  stop?: () => void;
  /** The compose token, once asked for (write.js). */
  tk?: Promise<string | undefined>;

  override async componentDidMount() {
    const { o, f, due } = this.props;
    addEventListener('hashchange', this.jump);
    if (f === undefined) this.file = await readFile(o);
    if (!this.th) await this.load(this.state.sort);
    else this.remote();
    await this.jump();
    this.timer = setTimeout(
      () =>
        lazy(this.props.o, 'live').then(
          (m) => {
            if (this.timer) this.stop = m.live(this);
          },
          () => {},
        ),
      due ? due - Date.now() : (o.live ?? LIVE_MS),
    );
    // A reader signed in here before, or an email sign-in link's token in the fragment: signin.js takes over.
    if (session(this.props.o.site) || location.hash.startsWith('#aw-signin='))
      lazy(this.props.o, 'signin').then(
        (s) => s.start(this),
        () => {},
      );
    // The reader's held comments the view lacks: asked after (an approval shows wherever they sit).
    if (Object.values(mine()).some((m) => m.p === this.where && m.c))
      lazy(this.props.o, 'write').then((w) => w.own(this));
  }

  override componentDidUpdate(_: Props, prev: State) {
    const { th, err } = this.state;
    if (!prev.th && !prev.err && (th || err)) this.props.shown?.();
    this.remote();
  }

  /** Replies from elsewhere: remote.js shows their source and links (and the page's likes and reposts). */
  remote() {
    if (this.state.th?.comments.some((c) => c.remote))
      lazy(this.props.o, 'remote').then(
        (m) => m.show(this),
        () => {},
      );
  }

  override componentWillUnmount() {
    removeEventListener('hashchange', this.jump);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stop?.();
  }

  /** Shows a view of the file (its first `n` comments) with the reader's own it does not hold yet. */
  show(v: Thread, n: number, sort: Sort) {
    const ids = new Set(v.comments.map((c) => c.id));
    const own = this.fresh.filter((c) => !ids.has(c.id));
    this.fresh = own;
    this.n = n;
    this.api = false;
    this.set({
      ...v,
      // Where a post shows at once: last, or first when newest come first (a reply sits under its parent anyway).
      comments: sort === 'newest' ? [...own].reverse().concat(v.comments) : v.comments.concat(own),
      page: { ...v.page, count: v.page.count + own.length },
    });
    this.setState({ err: '' });
    return v;
  }

  set(th: Thread) {
    this.th = th;
    this.setState({ th });
  }

  /** The text to show for a failed call (set-up errors name the page's origin and the site id). */
  explain = (e: unknown) => errorText(this.props.t, e, base(this.props.o), this.props.o.site);

  load = async (sort: Sort, more = false): Promise<Thread | undefined> => {
    const { o } = this.props;
    const prev = this.th;
    const f = this.file;
    const n = more ? this.n + this.size : this.size;
    const v = f && (!more || prev?.nextCursor === MORE) && fromFile(f, sort, n);
    if (v) return this.show(v, n, sort);
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
      this.api = true;
      this.setState({ err: '' });
      return d;
    } catch (e) {
      this.setState({ err: await this.explain(e) });
    } finally {
      this.setState({ busy: false });
    }
  };

  /** `#comment-<id>`: the permalink chunk scrolls to it and highlights it. */
  jump = async () => {
    if (/^#comment-/.test(location.hash)) await (await lazy(this.props.o, 'permalink')).jump(this);
  };

  get where() {
    return `${this.props.o.site} ${this.props.o.page}`;
  }

  render({ o, t, lang }: Props, { th, err, msg, sort, busy, hl }: State) {
    const cls = `aw ${o.theme ?? 'auto'}`;
    if (!th) {
      return (
        <div class={cls} part="root" lang={lang} dir={dirOf(lang)}>
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
      app: this,
      t,
      lang,
      locked: th.page.locked,
      highlight: hl,
      maxLength: th.settings.maxBodyLength,
    };
    return (
      <section ref={this.root} class={cls} part="root" lang={lang} dir={dirOf(lang)} aria-label={t.label}>
        <p class="sr" role="status">
          {msg}
        </p>
        <div class="top">
          <h2 part="title">{plural(t.comments, th.page.count, lang)}</h2>
          <Chips app={this} r={th.page.reactions} />
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
