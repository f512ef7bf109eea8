/** The moderation log: who did what, when, newest first. */
import { useEffect, useState } from 'preact/hooks';
import { call, type Log, type LogEntry } from './api.js';

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
                  {e.detail && <span class="detail"> ({e.detail})</span>}
                </td>
                <td>
                  <code>{e.target ?? ''}</code>
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
