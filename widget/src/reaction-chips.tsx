/** A comment's (or, without `id`, the page's) reactions on a first view: a chip per emoji chosen, pressed for the reader's own, and the picker's button; reactions.js does the rest. */
import type { Comment } from './api.js';
import type { App } from './app.js';
import { act } from './lazy.js';
import { reacted } from './store.js';

export function Chips({ app, id, r = {} }: { app: App; id?: string; r?: Comment['reactions'] }) {
  const set = app.th?.settings.reactions?.[id ? 'comments' : 'page'];
  // The reader's own are kept by target: a comment's id, or the page's key for the page's.
  const k = id ?? app.props.o.page;
  const own = reacted(app.props.o.site)[k] ?? [];
  const go = (f: (m: typeof import('./reactions.js')) => unknown) => act(app, app, f, 'reactions');
  // Counts are never 0 (the API leaves those out): an emoji nobody chose renders nothing.
  return (
    set && (
      <span class="rx">
        {set.map(
          (e) =>
            r[e] && (
              <button
                type="button"
                aria-pressed={own.includes(e)}
                onClick={() => go((m) => m.toggle(app, k, e))}
              >
                {`${e} ${r[e]}`}
              </button>
            ),
        )}
        {!app.th?.page.locked && (
          <button
            type="button"
            aria-label={app.props.t.react}
            onClick={(ev) => {
              // Read now: a shadow tree's event forgets its target once dispatched.
              const b = ev.currentTarget;
              go((m) => m.pick(app, k, b));
            }}
          >
            ☺+
          </button>
        )}
      </span>
    )
  );
}
