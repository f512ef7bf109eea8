/**
 * Lazy chunk `signin.js`: a reader's sign-in (email link, passkeys, GitHub and OpenID Connect in a popup), the
 * signed-in bar of the composers ("signed in as … · my comments · sign out") and the session kept per site.
 * Loaded on a click of "Sign in", for a stored session, or for an email link's `#aw-signin=` fragment.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { MyComments, ReaderSession } from '../../api/src/contract/reader.js';
import { READER_LINK_FRAGMENT } from '../../api/src/contract/reader-names.js';
import { call, enc, type Fail } from './api.js';
import type { App } from './app.js';
import { el, modal } from './dom.js';
import { fmt } from './i18n.js';
import { open as openMine } from './signin-mine.js';
import { accept, handoff, withProvider } from './signin-popup.js';
import { type SigninTexts, texts } from './signin-texts.js';
import { auth, me, ownBySession, session, setSession } from './store.js';

export { accept };

/** The threads signin.js shows the reader in (each watched for composers that open later). */
const shown = new WeakSet<App>();

/** Keeps (or forgets) the reader's session and shows it: bars, locked names, own comments. */
export async function signedIn(app: App, s: ReaderSession | undefined): Promise<void> {
  setSession(app.props.o.site, s);
  if (!s) ownBySession({});
  await show(app);
}

/** signin.js's start: an email link's fragment, else the session stored for the site. */
export async function start(app: App): Promise<void> {
  if (location.hash.startsWith(READER_LINK_FRAGMENT)) return link(app);
  const s = session(app.props.o.site);
  await (s && Date.parse(s.expiresAt) > Date.now() ? show(app) : signedIn(app, undefined));
}

/** Shows who is signed in in every composer of the thread, now and as composers open. */
async function show(app: App): Promise<void> {
  const root = app.root.current;
  if (!root) return;
  const t = await texts(app);
  const draw = () => {
    for (const box of root.querySelectorAll<HTMLElement>('.si')) bar(app, box, t);
    const s = session(app.props.o.site);
    for (const i of root.querySelectorAll<HTMLInputElement>('.form input[name=name]')) {
      i.readOnly = !!s;
      if (s) i.value = s.reader.name;
    }
  };
  draw();
  if (!shown.has(app)) {
    shown.add(app);
    new MutationObserver(() => {
      if (root.querySelector('.si:not([data-aw]), .form input[name=name]:not([readonly])')) draw();
    }).observe(root, { childList: true, subtree: true });
  }
  const { o } = app.props;
  const s = session(o.site);
  if (s) {
    // The session is checked (and, where the site lets readers edit any time, their comments are listed).
    const anytime = app.th?.settings.readers?.editsAnytime;
    const r = await call<Partial<MyComments>>(
      o,
      `/reader/me${anytime ? '/comments' : ''}?site=${enc(o.site)}`,
      'GET',
      undefined,
      auth(o.site),
    ).catch((e: Fail) => {
      // A session that no longer works (signed out everywhere, expired) is forgotten.
      if (e.code === 'reader_session_invalid') return signedIn(app, undefined);
    });
    // Their comments get edit and delete in the thread, as one's own within the window do; an edit starts
    // from the text that shows (the listing carries no markdown).
    const text = (html: string) =>
      new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? '';
    if (r?.comments)
      ownBySession(
        Object.fromEntries(
          r.comments.map((c) => [
            c.id,
            { t: '', u: s.expiresAt, b: text(c.html), p: `${o.site} ${c.page}`, s: 1 },
          ]),
        ),
      );
  }
  app.forceUpdate();
}

/** A composer's bar: the embed's "Sign in" button, or "signed in as … · my comments · sign out". */
function bar(app: App, box: HTMLElement, t: SigninTexts) {
  const { o } = app.props;
  const s = session(o.site);
  box.dataset.aw = '';
  box.querySelector('.sb')?.remove();
  (box.firstElementChild as HTMLElement).hidden = !!s;
  if (!s) return;
  const mine = el('button', { type: 'button' }, t.mine);
  const out = el('button', { type: 'button' }, t.out);
  mine.onclick = () => openMine(app, mine, t, () => signedIn(app, undefined));
  out.onclick = async () => {
    await call(o, `/reader/signout?site=${enc(o.site)}`, 'POST', undefined, auth(o.site)).catch(() => {});
    await signedIn(app, undefined);
  };
  box.append(el('span', { class: 'sb' }, fmt(t.as, { name: s.reader.name }), ' · ', mine, ' · ', out));
}

/** An email link's token in the fragment: used once (the fragment cleared at once), then signed in. */
export async function link(app: App): Promise<void> {
  const token = location.hash.slice(READER_LINK_FRAGMENT.length);
  history.replaceState(history.state, '', location.pathname + location.search);
  const { o } = app.props;
  try {
    await signedIn(app, await call<ReaderSession>(o, '/reader/link/use', 'POST', { site: o.site, token }));
    app.setState({ msg: (await texts(app)).welcome });
  } catch (e) {
    app.setState({ err: await app.explain(e) });
  }
}

/** The sign-in panel: the methods the site offers. */
export async function open(app: App): Promise<void> {
  const { o } = app.props;
  const root = app.root.current;
  const r = app.th?.settings.readers;
  if (!root || !r) return;
  const t = await texts(app);
  const err = el('p', { class: 'err', role: 'alert' });
  const close = el('button', { type: 'button' }, app.props.t.cancel);
  const parts: Node[] = [
    el('style', {}, 'dialog .acts{margin:.75rem 0 0;align-items:end}dialog .acts label{flex:1}'),
    el('h3', { id: 'aw-si-h' }, t.title),
    el('p', { class: 'muted' }, t.why),
  ];
  const done = async (s: ReaderSession) => {
    d.close();
    await signedIn(app, s);
    app.setState({ msg: t.welcome });
  };
  const fail = async (e: unknown) => {
    err.textContent = await app.explain(e);
  };
  /** A ceremony: the options from the API, the authenticator's answer (`ask`), the answer back to the API. */
  const passkeys = (
    path: string,
    body: Record<string, unknown>,
    ask: (o: { optionsJSON: never }) => Promise<unknown>,
  ) =>
    call<{ attempt: string; options: never }>(
      o,
      `/reader/passkeys/${path}/options`,
      'POST',
      body,
      auth(o.site),
    )
      .then(async ({ attempt, options }) => {
        const response = await ask({ optionsJSON: options }).catch(() => {
          throw { code: 'passkey_failed' } satisfies Fail;
        });
        const answer = { site: o.site, attempt, response };
        return call<ReaderSession>(o, `/reader/passkeys/${path}`, 'POST', answer, auth(o.site));
      })
      .then(done, fail);
  if (r.passkey) {
    const signIn = el('button', { type: 'button', class: 'pri' }, t.passkey);
    signIn.onclick = () => passkeys('login', { site: o.site }, startAuthentication);
    const name = el('input', { name: 'name', maxlength: '80', required: '', value: me().name ?? '' });
    const reg = el('form', { class: 'acts' }, el('label', {}, t.newName, name), el('button', {}, t.register));
    reg.onsubmit = (e) => {
      e.preventDefault();
      const body = { site: o.site, name: (name as HTMLInputElement).value.trim() };
      passkeys('register', body, startRegistration);
    };
    parts.push(signIn, reg);
  }
  if (r.email) {
    const email = el('input', { type: 'email', name: 'email', required: '', value: me().email ?? '' });
    const form = el('form', { class: 'acts' }, el('label', {}, t.email, email), el('button', {}, t.sendLink));
    form.onsubmit = (e) => {
      e.preventDefault();
      const page = location.origin + location.pathname + location.search;
      call(o, '/reader/link', 'POST', { site: o.site, email: (email as HTMLInputElement).value, page }).then(
        () => form.replaceChildren(el('p', { class: 'note' }, t.linkSent)),
        fail,
      );
    };
    parts.push(form);
  }
  // Each click uses a handoff made beforehand, and makes the next one.
  let h = r.providers?.length ? await handoff() : undefined;
  for (const p of r.providers ?? []) {
    const b = el('button', { type: 'button' }, fmt(t.with, { name: p.name }));
    b.onclick = async () => {
      const used = h;
      h = undefined;
      handoff().then((x) => (h = x));
      const m = await withProvider(o, p.id, used);
      if (m.session) await done(m.session);
      else if (m.error) await fail({ code: m.error });
    };
    parts.push(b);
  }
  // Focus goes back to the "Sign in" button that opened it.
  const opener = (root.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
  const d = modal(root, 'aw-si-h', opener, ...parts, err, close);
  close.onclick = () => d.close();
}
