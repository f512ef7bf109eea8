/** The moderation queue: counts per status, filters, search, bulk actions and keyboard shortcuts. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type BulkAction, COMMENT_STATUSES, type CommentStatus } from '../../api/src/contract/limits.js';
import { type AdminComment, type BulkResult, call, type Queue, qs } from './api.js';
import { DayChart } from './chart.js';
import { Help } from './help.js';
import { ReportedView } from './reported.js';
import { Row, type RowActions } from './row.js';

interface Props {
  site: string;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
}

interface Filters {
  status: CommentStatus | '';
  page: string;
  author: string;
  q: string;
}

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable);

export function QueueView({ site, notify, onError }: Props) {
  const [filters, setFilters] = useState<Filters>({ status: 'pending', page: '', author: '', q: '' });
  const [draft, setDraft] = useState<Filters>(filters);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState(0);
  // The keyboard acts on the focus it last set, not on the one of the last render (which may lag).
  const focusRef = useRef(0);
  const moveFocus = useCallback((i: number) => {
    focusRef.current = i;
    setFocus(i);
  }, []);
  const [locked, setLocked] = useState<Set<string>>(new Set());
  const [help, setHelp] = useState(false);
  // The Reported view (reader reports) in place of the rows; the shortcuts wait while it shows.
  const [reported, setReported] = useState(false);
  const [tick, setTick] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  const load = useCallback(
    async (cursor?: string) => {
      try {
        const q = await call<Queue>(
          'GET',
          `/queue?${qs({ site, status: filters.status || undefined, page: filters.page, author: filters.author, q: filters.q, cursor })}`,
        );
        setQueue((old) => (cursor && old ? { ...q, comments: [...old.comments, ...q.comments] } : q));
        if (!cursor) {
          setSelected(new Set());
          moveFocus(Math.min(focusRef.current, Math.max(0, q.comments.length - 1)));
        }
      } catch (err) {
        onError(err);
      }
    },
    [site, filters, onError, moveFocus],
  );

  useEffect(() => {
    load();
  }, [load]);

  const refresh = () => {
    setTick((t) => t + 1);
    return load();
  };

  const act: RowActions = {
    async setStatus(c, to) {
      try {
        await call('POST', `/comments/${c.id}/status`, { status: to });
        notify(
          `${to === 'approved' ? 'Approved' : to === 'spam' ? 'Marked as spam' : to === 'deleted' ? 'Deleted' : 'Moved'}: ${c.author.name || 'Anonymous'}`,
        );
      } catch (err) {
        onError(err);
      }
      await refresh();
    },
    async edit(c, body) {
      try {
        await call('PATCH', `/comments/${c.id}`, { body });
        notify('Saved');
      } catch (err) {
        onError(err);
      }
      await refresh();
    },
    async reply(c, body) {
      try {
        await call('POST', `/comments/${c.id}/reply`, { body });
        notify('Reply posted');
      } catch (err) {
        onError(err);
      }
      await refresh();
    },
    async pin(c) {
      try {
        await call('POST', `/comments/${c.id}/pin`, { pinned: !c.pinned });
        notify(c.pinned ? 'Unpinned' : 'Pinned');
      } catch (err) {
        onError(err);
      }
      await refresh();
    },
    async ban(c, days, what, hidePast) {
      try {
        const made = await call<{ hidden?: number }>('POST', `/sites/${encodeURIComponent(site)}/bans`, {
          commentId: c.id,
          email: what !== 'client',
          client: what !== 'email',
          ...(days ? { days } : {}),
          ...(hidePast ? { hidePast: true } : {}),
        });
        notify(
          `Banned ${c.author.name || 'the author'}${days ? ` for ${days} day${days > 1 ? 's' : ''}` : ''}${made.hidden ? `; hid ${made.hidden} past comment${made.hidden > 1 ? 's' : ''}` : ''}`,
        );
      } catch (err) {
        onError(err);
      }
      if (hidePast) await refresh();
    },
    async lock(c, on) {
      try {
        await call('POST', '/threads/lock', { site, page: c.page, locked: on });
        setLocked((s) => {
          const n = new Set(s);
          if (on) n.add(c.page);
          else n.delete(c.page);
          return n;
        });
        notify(on ? `Locked ${c.page}` : `Unlocked ${c.page}`);
      } catch (err) {
        onError(err);
      }
    },
  };

  const bulk = async (action: Exclude<BulkAction, 'pending'>) => {
    const ids = [...selected];
    if (ids.length === 0) return;
    try {
      const r = await call<BulkResult>('POST', '/comments/bulk', { ids, action });
      const ok = r.results.filter((x) => x.ok).length;
      notify(
        `${ok} of ${ids.length} ${action === 'approve' ? 'approved' : action === 'spam' ? 'marked as spam' : 'deleted'}`,
      );
    } catch (err) {
      onError(err);
    }
    await refresh();
  };

  const comments = queue?.comments ?? [];
  const live = useRef({ comments, act, reported });
  live.current = { comments, act, reported };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === '?') return setHelp((h) => !h);
      if (e.key === 'Escape') return setHelp(false);
      const { comments, act } = live.current;
      if (live.current.reported) return;
      const f = focusRef.current;
      const current: AdminComment | undefined = comments[f];
      if (e.key === 'j') moveFocus(Math.max(0, Math.min(f + 1, comments.length - 1)));
      else if (e.key === 'k') moveFocus(Math.max(f - 1, 0));
      else if (!current) return;
      else if (e.key === 'a') act.setStatus(current, 'approved');
      else if (e.key === 's') act.setStatus(current, 'spam');
      else if (e.key === 'd') act.setStatus(current, 'deleted');
      else if (e.key === 'x')
        setSelected((s) => {
          const n = new Set(s);
          if (n.has(current.id)) n.delete(current.id);
          else n.add(current.id);
          return n;
        });
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [moveFocus]);

  useEffect(() => {
    list.current?.querySelector('.focused')?.scrollIntoView({ block: 'nearest' });
  }, [focus]);

  const allSelected = comments.length > 0 && comments.every((c) => selected.has(c.id));

  const statusBar = (
    <fieldset class="counts">
      <legend class="sr-only">Status</legend>
      {COMMENT_STATUSES.map((s) => (
        <button
          type="button"
          key={s}
          class={filters.status === s && !reported ? 'count active' : 'count'}
          aria-pressed={filters.status === s && !reported}
          onClick={() => {
            setReported(false);
            setFilters({ ...filters, status: s });
            setDraft({ ...draft, status: s });
          }}
        >
          <span class="n">{queue?.counts[s] ?? '–'}</span> {s}
        </button>
      ))}
      <button
        type="button"
        class={reported ? 'count active' : 'count'}
        aria-pressed={reported}
        onClick={() => setReported(true)}
      >
        reported
      </button>
    </fieldset>
  );
  if (reported)
    return (
      <section class="queue" aria-labelledby="queue-title">
        <h2 id="queue-title" class="sr-only">
          Moderation queue
        </h2>
        {statusBar}
        <ReportedView site={site} notify={notify} onError={onError} />
      </section>
    );

  return (
    <section class="queue" aria-labelledby="queue-title">
      <h2 id="queue-title" class="sr-only">
        Moderation queue
      </h2>
      {statusBar}
      <DayChart site={site} refresh={`${tick}${JSON.stringify(queue?.counts ?? {})}`} />
      <form
        class="filters"
        aria-label="Filter and search"
        onSubmit={(e) => {
          e.preventDefault();
          moveFocus(0);
          setFilters({ ...draft });
        }}
      >
        <label>
          Search
          <input
            type="search"
            value={draft.q}
            onInput={(e) => setDraft({ ...draft, q: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          Page
          <input
            value={draft.page}
            placeholder="/posts/hello/"
            onInput={(e) => setDraft({ ...draft, page: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          Author
          <input
            value={draft.author}
            placeholder="email or name"
            onInput={(e) => setDraft({ ...draft, author: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label>
          Status
          <select
            value={draft.status}
            onChange={(e) =>
              setDraft({ ...draft, status: (e.target as HTMLSelectElement).value as CommentStatus | '' })
            }
          >
            <option value="">any (with page or author)</option>
            {COMMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          Filter
        </button>
      </form>
      <fieldset class="bulk">
        <legend class="sr-only">Bulk actions</legend>
        <label class="check-all">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={(e) =>
              setSelected(
                (e.target as HTMLInputElement).checked ? new Set(comments.map((c) => c.id)) : new Set(),
              )
            }
          />
          Select all
        </label>
        <span class="n-selected">{selected.size} selected</span>
        <button type="button" class="ok" disabled={selected.size === 0} onClick={() => bulk('approve')}>
          Approve selected
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => bulk('spam')}>
          Spam selected
        </button>
        <button type="button" class="danger" disabled={selected.size === 0} onClick={() => bulk('delete')}>
          Delete selected
        </button>
        <button type="button" class="link" onClick={() => setHelp(true)}>
          Shortcuts (?)
        </button>
      </fieldset>
      {queue && comments.length === 0 && <p class="empty">Nothing here: all caught up.</p>}
      <ul class="rows" ref={list}>
        {comments.map((c, i) => (
          <Row
            key={c.id}
            c={c}
            selected={selected.has(c.id)}
            focused={i === focus}
            locked={locked.has(c.page)}
            onFocus={() => moveFocus(i)}
            onSelect={(on) =>
              setSelected((s) => {
                const n = new Set(s);
                if (on) n.add(c.id);
                else n.delete(c.id);
                return n;
              })
            }
            act={act}
          />
        ))}
      </ul>
      {queue?.nextCursor && (
        <button type="button" class="more" onClick={() => load(queue.nextCursor ?? undefined)}>
          Load more
        </button>
      )}
      {help && <Help onClose={() => setHelp(false)} />}
    </section>
  );
}
