/** The moderation queue: counts per status, filters, search, bulk actions and keyboard shortcuts. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type BulkAction, COMMENT_STATUSES, type CommentStatus } from '../../api/src/contract/limits.js';
import { type AdminComment, ApiFailure, type BulkResult, call, type Queue, qs } from './api.js';
import { AuthorView } from './author.js';
import { DayChart } from './chart.js';
import { Help } from './help.js';
import { usePoll } from './poll.js';
import { ReasonFields, type Why } from './reason.js';
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
  // The author history opened from a row, in place of the rows (the queue keeps its filters).
  const [author, setAuthor] = useState<AdminComment | null>(null);
  // A removal asked for by a shortcut (s, d): the focused row opens its reason form.
  const [removeAsk, setRemoveAsk] = useState<{ id: string; to: 'spam' | 'deleted'; n: number } | null>(null);
  const [bulkAsk, setBulkAsk] = useState<'spam' | 'delete' | null>(null);
  const [bulkWhy, setBulkWhy] = useState<Why | undefined>(undefined);
  // Comments the last background read found that the list does not show yet (shown on request).
  const [fresh, setFresh] = useState(0);

  /** Each read of the list counts up: only the newest one's answer shows (an earlier filter's may come later). */
  const asked = useRef(0);
  const load = useCallback(
    async (cursor?: string) => {
      const mine = ++asked.current;
      try {
        const q = await call<Queue>(
          'GET',
          `/queue?${qs({ site, status: filters.status || undefined, page: filters.page, author: filters.author, q: filters.q, cursor })}`,
        );
        if (mine !== asked.current) return;
        setQueue((old) => (cursor && old ? { ...q, comments: [...old.comments, ...q.comments] } : q));
        if (!cursor) {
          setFresh(0);
          setSelected(new Set());
          moveFocus(Math.min(focusRef.current, Math.max(0, q.comments.length - 1)));
        }
      } catch (err) {
        if (mine === asked.current) onError(err);
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
    author(c) {
      setAuthor(c);
    },
    async setStatus(c, to, why) {
      try {
        await call('POST', `/comments/${c.id}/status`, { status: to, ...(why ?? {}) });
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

  const bulk = async (action: Exclude<BulkAction, 'pending'>, why?: Why) => {
    const ids = [...selected];
    if (ids.length === 0) return;
    setBulkAsk(null);
    try {
      const r = await call<BulkResult>('POST', '/comments/bulk', {
        ids,
        action,
        ...(why ? { reason: why.reason } : {}),
      });
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
  const live = useRef({ comments, act, reported, author });
  live.current = { comments, act, reported, author };

  // While the list shows, read its first page again in the background: the counts change in place, and
  // comments it does not show yet are announced in a line of their own (kept in the layout), not inserted.
  usePoll(
    async () => {
      try {
        const q = await call<Queue>(
          'GET',
          `/queue?${qs({ site, status: filters.status || undefined, page: filters.page, author: filters.author, q: filters.q })}`,
        );
        const shown = new Set(live.current.comments.map((c) => c.id));
        const added = q.comments.filter((c) => !shown.has(c.id)).length;
        let changed = added !== fresh;
        setQueue((old) => {
          if (!old) return old;
          if (JSON.stringify(old.counts) !== JSON.stringify(q.counts)) changed = true;
          return { ...old, counts: q.counts };
        });
        setFresh(added);
        return changed;
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) onError(err);
        return false;
      }
    },
    !queue || reported || author !== null,
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === '?') return setHelp((h) => !h);
      if (e.key === 'Escape') return setHelp(false);
      const { comments, act } = live.current;
      if (live.current.reported || live.current.author) return;
      const f = focusRef.current;
      const current: AdminComment | undefined = comments[f];
      if (e.key === 'j') moveFocus(Math.max(0, Math.min(f + 1, comments.length - 1)));
      else if (e.key === 'k') moveFocus(Math.max(f - 1, 0));
      else if (!current) return;
      else if (e.key === 'a') act.setStatus(current, 'approved');
      else if (e.key === 's' || e.key === 'd')
        setRemoveAsk((r) => ({ id: current.id, to: e.key === 's' ? 'spam' : 'deleted', n: (r?.n ?? 0) + 1 }));
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
  if (author)
    return (
      <section class="queue" aria-labelledby="queue-title">
        <h2 id="queue-title" class="sr-only">
          Moderation queue
        </h2>
        <AuthorView
          comment={author}
          notify={notify}
          onError={onError}
          ban={act.ban}
          onClose={() => {
            setAuthor(null);
            refresh();
          }}
        />
      </section>
    );
  if (reported)
    return (
      <section class="queue" aria-labelledby="queue-title">
        <h2 id="queue-title" class="sr-only">
          Moderation queue
        </h2>
        {statusBar}
        <ReportedView site={site} notify={notify} onError={onError} onAuthor={setAuthor} />
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
        <button
          type="button"
          disabled={selected.size === 0}
          aria-expanded={bulkAsk === 'spam'}
          onClick={() => setBulkAsk(bulkAsk === 'spam' ? null : 'spam')}
        >
          Spam selected
        </button>
        <button
          type="button"
          class="danger"
          disabled={selected.size === 0}
          aria-expanded={bulkAsk === 'delete'}
          onClick={() => setBulkAsk(bulkAsk === 'delete' ? null : 'delete')}
        >
          Delete selected
        </button>
        <button type="button" class="link" onClick={() => setHelp(true)}>
          Shortcuts (?)
        </button>
      </fieldset>
      {bulkAsk && (
        <form
          class="inline"
          aria-label="Why"
          onSubmit={(e) => {
            e.preventDefault();
            bulk(bulkAsk, bulkWhy);
          }}
        >
          <ReasonFields
            key={bulkAsk}
            name="bulk"
            initial={bulkAsk === 'spam' ? 'spam' : 'off_topic'}
            onChange={setBulkWhy}
          />
          <div class="actions">
            <button type="submit" class="primary">
              {bulkAsk === 'spam' ? 'Mark' : 'Delete'} {selected.size} selected
            </button>
            <button type="button" onClick={() => setBulkAsk(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <p class="fresh" aria-live="polite">
        {fresh > 0 && (
          <button type="button" class="link" onClick={() => refresh()}>
            {fresh} new comment{fresh === 1 ? '' : 's'} here: show
          </button>
        )}
      </p>
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
            removeAsk={removeAsk?.id === c.id ? removeAsk : undefined}
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
