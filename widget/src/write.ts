/**
 * Lazy chunk `write.js`: what a reader who writes or acts needs, none of it on a first view: the compose token,
 * posting, editing, deleting, previewing, voting, and asking after one's own held comments.
 */
import {
  type Comment,
  call,
  type DeletedComment,
  type EditedComment,
  enc,
  type Fail,
  type Posted,
  type PreviewResult,
  type VoteResult,
} from './api.js';
import type { App } from './app.js';
import type { Composer } from './composer.js';
import { auth, mine, randomKey, remember, session, setMe, setVote } from './store.js';

/** What only writing says, in English (other languages' are in their locale file): a first view carries none of it. */
export const EN = {
  confirmDel: 'Delete this comment?',
  posted: 'Your comment was posted.',
  saved: 'Your comment was saved.',
  removed: 'Your comment was deleted.',
};
export type WriteTexts = typeof EN;

const texts = (app: App) => ({ ...EN, ...app.props.t });

/** A comment's edit token, and the signed-in reader's session (which edits their own at any time, where the site says so). */
const editToken = (app: App, id: string) => ({
  'X-Afterword-Edit-Token': mine()[id]?.t ?? '',
  ...auth(app.props.o.site),
});

/** The thread's compose token, asked for once (an API thread carries one); undefined when it cannot be had. */
export function token(app: App): Promise<string | undefined> {
  const { o } = app.props;
  app.tk ??= app.th?.composeToken
    ? Promise.resolve(app.th.composeToken)
    : call<{ composeToken: string }>(o, `/compose?site=${enc(o.site)}&page=${enc(o.page)}`).then(
        (r) => r.composeToken,
        // Posted without one (passes unless the site requires it); asked for again next time.
        () => (app.tk = undefined),
      );
  return app.tk;
}

/** Changes the loaded list (and the count by `dn`). */
function change(app: App, f: (list: Comment[]) => Comment[], dn = 0) {
  const p = app.th;
  if (p) app.set({ ...p, comments: f(p.comments), page: { ...p.page, count: p.page.count + dn } });
}

const swap = (app: App, c: Comment) => change(app, (l) => l.map((y) => (y.id === c.id ? c : y)));

/** Sends a composer's form: a new comment or reply (POST), or an edit (PATCH); the thread shows it at once. */
export async function submit(f: Composer, form: HTMLFormElement): Promise<void> {
  if (f.sending) return;
  f.sending = true;
  f.setState({ busy: true, err: '' });
  try {
    await send(f, form);
    f.props.done?.();
  } finally {
    f.sending = false;
    f.setState({ busy: false });
  }
}

async function send(f: Composer, form: HTMLFormElement): Promise<void> {
  const { app, parent, edit } = f.props;
  const { o } = app.props;
  const t = texts(app);
  const { body } = f.state;
  if (edit) {
    const r = await call<EditedComment>(
      o,
      `/comments/${edit.id}`,
      'PATCH',
      { body },
      editToken(app, edit.id),
    );
    const c = r.comment;
    const m = mine()[c.id];
    if (m) remember(c.id, { ...m, b: body, c: m.c && c });
    app.fresh = app.fresh.map((y) => (y.id === c.id ? c : y));
    swap(app, c);
    return app.setState({ msg: t.saved });
  }
  f.key ??= randomKey();
  const data = new FormData(form);
  const field = (n: string) => String(data.get(n) ?? '').trim();
  const author = { name: field('name'), email: field('email'), website: field('website') };
  const notify = !!author.email && data.get('notify') === 'on';
  setMe({ ...author, notify });
  const r = await call<Posted>(
    o,
    '/comments',
    'POST',
    {
      site: o.site,
      page: o.page,
      parentId: parent?.id,
      body,
      author,
      title: o.title ?? document.title,
      url: o.url ?? location.origin + location.pathname,
      notify,
      composeToken: await token(app),
      hp: field('hp') || undefined,
    },
    { 'Idempotency-Key': f.key, ...auth(o.site) },
  );
  f.key = undefined;
  f.setState({ body: '', pv: null });
  const c = r.comment;
  const pending = c.status === 'pending';
  // Held ones are kept with their copy (shown to their author only); approved ones until the file holds them.
  // A signed-in reader's, where the site lets them edit any time, stays theirs to edit as long as the session.
  const s = app.th?.settings.readers?.editsAnytime && session(o.site);
  remember(c.id, {
    t: r.editToken,
    u: s ? s.expiresAt : r.editableUntil,
    b: body,
    p: app.where,
    c: pending ? c : undefined,
    ...(s ? { s: 1 as const } : {}),
  });
  if (!pending) app.fresh.push(c);
  change(app, (l) => (app.state.sort === 'newest' && !c.parentId ? [c, ...l] : [...l, c]), pending ? 0 : 1);
  app.setState({ msg: pending ? t.pending : t.posted });
}

/** Shows the composer's markdown rendered exactly as a stored comment would be, or goes back to writing. */
export async function preview(f: Composer): Promise<void> {
  const { o } = f.props.app.props;
  if (f.state.pv !== null) return f.setState({ pv: null });
  f.setState({
    pv: (await call<PreviewResult>(o, '/preview', 'POST', { body: f.state.body, site: o.site })).html,
  });
}

/** Deletes one's own comment (after asking); one with replies stays as a placeholder. */
export async function remove(app: App, c: Comment): Promise<void> {
  const { o } = app.props;
  const t = texts(app);
  if (!mine()[c.id] || !confirm(t.confirmDel)) return;
  const r = await call<DeletedComment>(o, `/comments/${c.id}`, 'DELETE', undefined, editToken(app, c.id));
  remember(c.id, undefined);
  app.fresh = app.fresh.filter((y) => y.id !== c.id);
  const gone: Comment = { ...c, html: '', status: 'deleted', author: { name: '', avatar: '' } };
  change(
    app,
    (l) => (r.placeholder ? l.map((y) => (y.id === c.id ? gone : y)) : l.filter((y) => y.id !== c.id)),
    c.status === 'approved' ? -1 : 0,
  );
  app.setState({ msg: t.removed });
}

export async function vote(app: App, c: Comment, value: number): Promise<void> {
  const r = await call<VoteResult>(app.props.o, `/comments/${c.id}/vote`, 'POST', { value });
  setVote(c.id, r.value);
  swap(app, { ...c, score: r.score });
}

/** Asks after the reader's own held comments the loaded pages lack: an approval shows wherever they sit. */
export async function own(app: App): Promise<void> {
  const ids = new Set(app.th?.comments.map((c) => c.id));
  for (const [id, m] of Object.entries(mine()))
    if (m.p === app.where && m.c && !ids.has(id))
      await call<EditedComment>(app.props.o, `/comments/${id}`, 'GET', undefined, editToken(app, id)).then(
        (r) => remember(id, { ...m, c: r.comment }),
        // Deleted or gone: no longer shown; other failures keep the copy as it was.
        (e: Fail) => /found|deleted/.test(e.code) && remember(id, { ...m, c: undefined }),
      );
  app.forceUpdate();
}
