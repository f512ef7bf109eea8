/** signin.js's "my comments" panel: the reader's comments on the site, a JSON download, erase all, sign out everywhere. */
import type { MyComment } from '../../api/src/contract/reader.js';
import { call, enc } from './api.js';
import type { App } from './app.js';
import { el, modal } from './dom.js';
import type { SigninTexts } from './signin-texts.js';
import { auth, remember } from './store.js';

export async function open(app: App, opener: HTMLElement, t: SigninTexts, out: () => Promise<void>) {
  const { o } = app.props;
  const root = app.root.current;
  if (!root) return;
  const q = `?site=${enc(o.site)}`;
  const get = <T>(path: string, method = 'GET') =>
    call<T>(o, `/reader/${path}${q}`, method, undefined, auth(o.site));
  const list = el('ul', { class: 'mine' });
  const err = el('p', { class: 'err', role: 'alert' });
  const fail = async (e: unknown) => {
    err.textContent = await app.explain(e);
  };
  let ids: string[] = [];
  const fill = async () => {
    const r = await get<{ comments: MyComment[] }>('me/comments');
    ids = r.comments.map((c) => c.id);
    list.replaceChildren(
      ...(r.comments.length ? r.comments : [null]).map((c) => {
        if (!c) return el('li', { class: 'muted' }, t.none);
        const text = new DOMParser().parseFromString(c.html, 'text/html').body.textContent?.trim() ?? '';
        const a = el('a', { href: `${c.url ?? c.page}#comment-${c.id}` }, text.slice(0, 80) || c.id);
        return el(
          'li',
          {},
          a,
          ' ',
          el('span', { class: 'muted' }, new Date(c.createdAt).toLocaleDateString()),
        );
      }),
    );
  };
  const exp = el('button', { type: 'button' }, t.export);
  exp.onclick = () =>
    get<unknown>('me/export').then((data) => {
      const a = el('a', {
        href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })),
        download: `comments-${o.site}.json`,
      });
      a.click();
      URL.revokeObjectURL(a.getAttribute('href') ?? '');
    }, fail);
  const erase = el('button', { type: 'button' }, t.erase);
  erase.onclick = async () => {
    if (!confirm(t.confirmErase)) return;
    await get<{ erased: number }>('me/comments', 'DELETE').then(() => {
      // The thread shows them gone at once (and the count with them); their edit tokens are forgotten.
      const gone = new Set(ids);
      for (const id of ids) remember(id, undefined);
      app.fresh = app.fresh.filter((c) => !gone.has(c.id));
      const th = app.th;
      if (th) {
        const n = th.comments.filter((c) => gone.has(c.id) && c.status === 'approved').length;
        app.set({
          ...th,
          comments: th.comments.filter((c) => !gone.has(c.id)),
          page: { ...th.page, count: th.page.count - n },
        });
      }
      app.setState({ msg: t.erased });
      return fill();
    }, fail);
  };
  const all = el('button', { type: 'button' }, t.outAll);
  all.onclick = () =>
    get('signout/all', 'POST').then(async () => {
      d.close();
      await out();
    }, fail);
  const close = el('button', { type: 'button' }, t.close);
  const d = modal(
    root,
    'aw-mine-h',
    opener,
    el('h3', { id: 'aw-mine-h' }, t.mine),
    list,
    err,
    el('style', {}, 'dialog .acts{margin:.75rem 0 0}.mine{padding-inline-start:1.2em}'),
    el('div', { class: 'acts' }, exp, erase, all, close),
  );
  close.onclick = () => d.close();
  await fill().catch(fail);
}
