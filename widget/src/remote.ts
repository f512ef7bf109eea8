/**
 * Lazy chunk `remote.js`: what a reply from elsewhere shows beside its author (a source badge linking to the
 * original, the account's handle linking to its profile, "Reply on Mastodon/Bluesky"), and a page's Webmention
 * likes and reposts. Loaded only for a thread holding such a reply (a page with mentions alone shows none: the first view has no
 * room for the check); a first view carries none of it.
 */
import type { Comment } from './api.js';
import type { App } from './app.js';
import { fmt, plural } from './i18n.js';
import { type RemoteTexts, SOURCE_NAMES, texts } from './remote-texts.js';
import { adopt } from './sheet.js';

/** How links to elsewhere open: a new tab, no opener, and no endorsement of what they lead to. */
const REL = 'noopener nofollow ugc';

/** The badge's and the handle's look; "Reply on …" lines up with the buttons beside it. */
const LOOK = '.src{text-decoration:none}.hd{color:var(--mu);font-size:.875em}.ro{padding:.25rem .6rem}';

function link(href: string, cls: string, text: string, title?: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.rel = REL;
  a.target = '_blank';
  a.className = cls;
  a.textContent = text;
  if (title) a.title = title;
  return a;
}

/** Only https links are followed (the API keeps no other; a stale file is not trusted more). */
const https = (u: string | undefined): u is string => !!u && /^https:\/\//i.test(u);

/** One remote comment's badge and handle, and its "Reply on …", each added once to its rendered article. */
function decorate(el: Element, c: Comment, t: RemoteTexts) {
  const r = c.remote;
  if (!r || !https(r.url)) return;
  const source = SOURCE_NAMES[r.source];
  const au = el.querySelector(':scope > .meta > .au');
  if (au && !au.parentElement?.querySelector('.src')) {
    const badge = link(r.url, 'tag src', source, fmt(t.original, { source }));
    badge.setAttribute('part', 'source');
    const handle =
      r.handle &&
      (https(r.profile)
        ? link(r.profile, 'hd', r.handle)
        : Object.assign(document.createElement('span'), { className: 'hd', textContent: r.handle }));
    au.after(...(handle ? [handle, badge] : [badge]));
  }
  const acts = el.querySelector(':scope > .acts');
  if (acts && !acts.querySelector('.ro') && r.source !== 'webmention' && c.status === 'approved')
    acts.append(link(r.url, 'ro', fmt(t.replyOn, { source })));
}

/** Decorates every remote comment shown (again after each render: new pages, a refresh) and the mentions line. */
export async function show(app: App): Promise<void> {
  const t = await texts(app);
  const root = app.root.current;
  const th = app.th;
  if (!root || !th) return;
  adopt(root.getRootNode(), LOOK);
  for (const c of th.comments) {
    if (!c.remote || c.status === 'deleted') continue;
    const el = root.querySelector(`#comment-${c.id} > .cm`);
    if (el) decorate(el, c, t);
  }
  const m = th.page.mentions;
  const top = root.querySelector(':scope > .top');
  let line = root.querySelector<HTMLElement>(':scope > .mn');
  if (!m || !top || (!m.likes && !m.reposts)) {
    line?.remove();
    return;
  }
  if (!line) {
    line = document.createElement('p');
    line.className = 'muted mn';
    line.setAttribute('part', 'mentions');
    top.after(line);
  }
  const lang = app.props.lang;
  line.textContent = [
    m.likes && plural(t.likes, m.likes, lang),
    m.reposts && plural(t.reposts, m.reposts, lang),
  ]
    .filter(Boolean)
    .join(' · ');
}
