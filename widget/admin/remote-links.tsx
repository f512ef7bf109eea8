/** Site settings: pages linked to their posts on Mastodon and Bluesky (any moderator of the site links and unlinks). */
import { useEffect, useState } from 'preact/hooks';
import type { RemoteLinks } from '../../api/src/contract/responses.js';
import { call } from './api.js';

type Linked = (typeof RemoteLinks)['infer'];

interface Props {
  site: string;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
}

const SOURCE = { mastodon: 'Mastodon', bluesky: 'Bluesky' } as const;

export function RemoteLinksView({ site, notify, onError }: Props) {
  const [links, setLinks] = useState<Linked | undefined>();
  const base = `/sites/${encodeURIComponent(site)}/remote-links`;

  useEffect(() => {
    setLinks(undefined);
    call<Linked>('GET', base).then(setLinks).catch(onError);
  }, [site]);

  const link = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    try {
      setLinks(
        await call<Linked>('PUT', base, {
          page: String(f.get('page') ?? ''),
          url: String(f.get('url') ?? ''),
        }),
      );
      form.reset();
      notify('Linked: its replies are fetched within minutes.');
    } catch (err) {
      onError(err);
    }
  };

  const unlink = async (page: string, url: string) => {
    try {
      setLinks(await call<Linked>('DELETE', base, { page, url }));
      notify(`Unlinked ${page} from ${url}.`);
    } catch (err) {
      onError(err);
    }
  };

  if (!links) return <p class="loading">Loading linked posts…</p>;
  return (
    <section class="remote-links" aria-labelledby="remote-links-title">
      <h2 id="remote-links-title">Posts elsewhere</h2>
      <p class="note">
        Replies to these Mastodon statuses and Bluesky posts join the page’s thread, through this site’s
        rules.
      </p>
      {links.pages.length === 0 ? (
        <p class="empty">No page is linked.</p>
      ) : (
        <ul class="remote-link-list">
          {links.pages.flatMap((p) =>
            p.posts.map((post) => (
              <li key={`${p.page} ${post.url}`}>
                <code>{p.page}</code> → {SOURCE[post.source]}{' '}
                <a href={post.url} target="_blank" rel="noopener noreferrer">
                  {post.url}
                </a>
                {post.by === 'page' ? ' (found on the page)' : ''}
                {post.error ? <strong class="error"> — last fetch failed: {post.error}</strong> : ''}{' '}
                <button type="button" onClick={() => unlink(p.page, post.url)}>
                  Unlink
                </button>
              </li>
            )),
          )}
        </ul>
      )}
      <form class="remote-link-form" onSubmit={link}>
        <fieldset>
          <legend>Link a page to a post</legend>
          <label>
            Page (path or URL) <input name="page" required maxLength={2000} placeholder="/posts/hello/" />
          </label>
          <label>
            Mastodon status or Bluesky post URL{' '}
            <input name="url" type="url" required maxLength={500} placeholder="https://" />
          </label>
          <button type="submit" class="primary">
            Link
          </button>
        </fieldset>
      </form>
    </section>
  );
}
