/** An author's history on the site, opened from any of their comments: counts, first and last seen, the note, and acting on all. */
import { useEffect, useState } from 'preact/hooks';
import { type BanKind, COMMENT_STATUSES, LIMITS } from '../../api/src/contract/limits.js';
import {
  type AdminComment,
  type AuthorHistory,
  type AuthorNoteResult,
  type BulkResult,
  call,
} from './api.js';
import { ReasonFields, type Why } from './reason.js';
import { PageLink } from './ref.js';
import { BanDays, when } from './row.js';

/** Bulk actions take this many ids at a time. */
const CHUNK = LIMITS.bulkIds;

interface Props {
  comment: AdminComment;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
  /** The queue's ban of a comment's author (email and client, days, hide past comments). */
  ban: (
    c: AdminComment,
    days: number | undefined,
    what: BanKind | 'both',
    hidePast?: boolean,
  ) => Promise<void> | void;
  onClose: () => void;
}

function Fact({ term, iso }: { term: string; iso: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>
        <time dateTime={iso}>{when(iso)}</time>
      </dd>
    </div>
  );
}

export function AuthorView({ comment, notify, onError, ban, onClose }: Props) {
  const [h, setH] = useState<AuthorHistory | null>(null);
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<'' | 'remove' | 'ban'>('');
  const [why, setWhy] = useState<Why | undefined>(undefined);
  const [days, setDays] = useState('30');
  const [hidePast, setHidePast] = useState(false);

  const load = async () => {
    try {
      const r = await call<AuthorHistory>('GET', `/comments/${comment.id}/author`);
      setH(r);
      setNote(r.note?.text ?? '');
    } catch (err) {
      onError(err);
    }
  };
  useEffect(() => {
    load();
  }, [comment.id]);

  /** Moves every listed comment not already there, in chunks; reports how many moved. */
  const all = async (action: 'approve' | 'spam' | 'delete', reason?: Why['reason']) => {
    if (!h) return;
    const target = action === 'approve' ? 'approved' : action === 'spam' ? 'spam' : 'deleted';
    const ids = h.comments.filter((c) => c.status !== target).map((c) => c.id);
    let ok = 0;
    try {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const r = await call<BulkResult>('POST', '/comments/bulk', {
          ids: ids.slice(i, i + CHUNK),
          action,
          ...(reason ? { reason } : {}),
        });
        ok += r.results.filter((x) => x.ok).length;
      }
      notify(
        `${ok} of ${ids.length} ${action === 'approve' ? 'approved' : action === 'spam' ? 'marked as spam' : 'deleted'}`,
      );
    } catch (err) {
      onError(err);
    }
    setMode('');
    await load();
  };

  const saveNote = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await call<AuthorNoteResult>('PUT', `/comments/${comment.id}/author/note`, { text: note });
      setH((old) => (old ? { ...old, note: r.note } : old));
      notify(r.note ? 'Note saved' : 'Note removed');
    } catch (err) {
      onError(err);
    }
  };

  const name = comment.author.name || 'Anonymous';
  return (
    <section class="author-view" aria-labelledby="author-title">
      <button type="button" class="link back" onClick={onClose}>
        ← Back to the queue
      </button>
      <h2 id="author-title">
        {name}
        {h?.author.email && <span class="email"> {h.author.email}</span>}
        {h?.author.confirmed && <span class="tag">address confirmed</span>}
      </h2>
      {!h ? (
        <p class="loading">Loading the author’s history…</p>
      ) : (
        <>
          {h.author.key === 'none' && (
            <p class="note">
              This comment has no email address, so its author’s other comments cannot be found (comments are
              not indexed by client). A ban by client still works.
            </p>
          )}
          <dl class="author-facts">
            <div>
              <dt>Comments on this site</dt>
              <dd>
                {h.total}
                {h.more ? '+' : ''}
              </dd>
            </div>
            {COMMENT_STATUSES.map((s) => (
              <div key={s}>
                <dt>{s}</dt>
                <dd>{h.counts[s]}</dd>
              </div>
            ))}
            <Fact term="First seen" iso={h.firstSeen} />
            <Fact term="Last seen" iso={h.lastSeen} />
          </dl>
          {h.author.key === 'email' && (
            <form class="author-note" onSubmit={saveNote}>
              <label>
                Moderators’ note on this author (only this site’s moderators see it)
                <textarea
                  name="author-note"
                  rows={3}
                  maxLength={2000}
                  value={note}
                  onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
                />
              </label>
              {h.note && (
                <p class="detail">
                  Last written by {h.note.by},{' '}
                  <time dateTime={h.note.updatedAt}>{when(h.note.updatedAt)}</time>
                </p>
              )}
              <button type="submit">Save note</button>
            </form>
          )}
          <div class="actions author-actions">
            <button type="button" class="ok" onClick={() => all('approve')}>
              Approve all
            </button>
            <button
              type="button"
              class="danger"
              aria-expanded={mode === 'remove'}
              onClick={() => setMode(mode === 'remove' ? '' : 'remove')}
            >
              Remove all…
            </button>
            <button
              type="button"
              aria-expanded={mode === 'ban'}
              onClick={() => setMode(mode === 'ban' ? '' : 'ban')}
            >
              Ban author…
            </button>
          </div>
          {mode === 'remove' && (
            <form
              class="inline"
              aria-label="Remove all"
              onSubmit={(e) => {
                e.preventDefault();
                if (why) all(why.reason.code === 'spam' ? 'spam' : 'delete', why.reason);
              }}
            >
              <ReasonFields name="remove-all" initial="spam" onChange={setWhy} />
              <p class="detail">Spam marks them as spam; any other reason deletes them.</p>
              <div class="actions">
                <button type="submit" class="primary">
                  Remove {h.comments.length} comment{h.comments.length === 1 ? '' : 's'}
                </button>
                <button type="button" onClick={() => setMode('')}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {mode === 'ban' && (
            <form
              class="inline"
              aria-label="Ban author"
              onSubmit={async (e) => {
                e.preventDefault();
                await ban(comment, days === 'forever' ? undefined : Number(days), 'both', hidePast);
                setMode('');
                await load();
              }}
            >
              <div class="grid">
                <BanDays name="author-ban-days" value={days} onChange={setDays} />
                <label class="check">
                  <input
                    type="checkbox"
                    name="author-ban-hide-past"
                    checked={hidePast}
                    disabled={!comment.author.email}
                    onChange={(e) => setHidePast((e.target as HTMLInputElement).checked)}
                  />
                  Also hide their past comments
                </label>
              </div>
              <div class="actions">
                <button type="submit" class="primary">
                  Ban by email and client
                </button>
                <button type="button" onClick={() => setMode('')}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          <h3>Their comments{h.more ? ` (the newest ${h.comments.length})` : ''}</h3>
          <ul class="rows author-comments">
            {h.comments.map((c) => (
              <li
                key={c.id}
                class={`row status-${c.status}${c.id === comment.id ? ' focused' : ''}`}
                data-id={c.id}
              >
                <div class="row-head">
                  <span class={`tag st-${c.status}`}>{c.status}</span>
                  <PageLink page={c.page} url={c.pageUrl} /> ·{' '}
                  <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
                  {c.id === comment.id && <span class="tag">opened from</span>}
                </div>
                {/* The server's sanitized HTML, the same the widget shows. */}
                <div class="body" dangerouslySetInnerHTML={{ __html: c.html }} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
