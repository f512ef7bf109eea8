/** The moderation log: who did what, when, newest first; comments by author and excerpt, settings by what changed. */
import { useEffect, useState } from 'preact/hooks';
import { call, type Log, type LogEntry } from './api.js';
import { reasonLabel } from './reason.js';
import { CommentRefView } from './ref.js';

/** What the entry acted on: its comment (and a reply's parent), a settings save's changes, else the raw target. */
function On({ e }: { e: LogEntry }) {
  if (e.changes)
    return e.changes.length === 0 ? (
      <span class="detail">no change</span>
    ) : (
      <ul class="changes">
        {e.changes.map((x) => (
          <li key={x.field}>
            <code>{x.field}</code>: <span class="from">{x.from ?? 'unset'}</span> →{' '}
            <span class="to">{x.to ?? 'unset'}</span>
          </li>
        ))}
      </ul>
    );
  if (e.comment)
    return (
      <>
        <CommentRefView r={e.comment} />
        {e.replyTo && (
          <span class="reply-to">
            {' '}
            in reply to <CommentRefView r={e.replyTo} />
          </span>
        )}
      </>
    );
  return <code>{e.target ?? ''}</code>;
}

export function LogView({ site, onError }: { site: string; onError: (err: unknown) => void }) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const load = async (cursor?: string) => {
    try {
      const r = await call<Log>(
        'GET',
        `/sites/${encodeURIComponent(site)}/log${cursor ? `?cursor=${cursor}` : ''}`,
      );
      setEntries((old) => (cursor ? [...(old ?? []), ...r.entries] : r.entries));
      setNext(r.nextCursor);
    } catch (err) {
      onError(err);
    }
  };
  useEffect(() => {
    load();
  }, [site]);
  if (!entries) return <p class="loading">Loading…</p>;
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Moderation log</h2>
      {entries.length === 0 ? (
        <p class="empty">No moderation yet.</p>
      ) : (
        <table class="log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.at}${e.target}${e.action}`}>
                <td>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                </td>
                <td>{e.actor}</td>
                <td>
                  {e.action.replace('status:', '→ ')}
                  {e.detail && !e.changes && !e.replyTo && <span class="detail"> ({e.detail})</span>}
                  {e.reason && <span class="why">Reason: {reasonLabel(e.reason)}</span>}
                </td>
                <td>
                  <On e={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" class="more" onClick={() => load(next)}>
          Load more
        </button>
      )}
    </section>
  );
}
