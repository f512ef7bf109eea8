/** The queue's Reported view: comments readers reported, how many readers and why (each report's reason and text). */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DecisionReason, ReportReason } from '../../api/src/contract/limits.js';
import type { Reported, ReportedComment } from '../../api/src/contract/responses.js';
import { type AdminComment, call, qs } from './api.js';
import { ReasonFields, type Why } from './reason.js';
import { PageLink } from './ref.js';

/** What a moderator reads for each reason a reader gave. */
export const REASON_TEXT: Record<ReportReason, string> = {
  spam: 'Spam',
  abuse: 'Abuse or harassment',
  'off-topic': 'Off-topic',
  illegal: 'Illegal content',
  other: 'Something else',
};

/** The decision reason that matches what readers reported most (the moderator may choose another). */
function topReason(reasons: Partial<Record<ReportReason, number>>): DecisionReason {
  const top = Object.entries(reasons).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0]?.[0] ?? 'other';
  return top === 'off-topic' ? 'off_topic' : (top as DecisionReason);
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface Props {
  site: string;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
  /** Opens the author's history (issue 16 C). */
  onAuthor?: (c: AdminComment) => void;
}

export function ReportedView({ site, notify, onError, onAuthor }: Props) {
  const [list, setList] = useState<Reported | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      try {
        const r = await call<Reported>('GET', `/sites/${encodeURIComponent(site)}/reports?${qs({ cursor })}`);
        setList((old) => (cursor && old ? { ...r, reported: [...old.reported, ...r.reported] } : r));
      } catch (err) {
        onError(err);
      }
    },
    [site, onError],
  );

  useEffect(() => {
    load();
  }, [load]);

  const name = (c: AdminComment) => c.author.name || 'Anonymous';
  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      notify(done);
    } catch (err) {
      onError(err);
    }
    await load();
  };
  const dismiss = (c: AdminComment) =>
    act(() => call('DELETE', `/comments/${c.id}/reports`), `Reports dismissed, comment kept: ${name(c)}`);
  // Removed with the moderator's reason (in the log, and in the author's mail when they are told).
  const remove = (r: ReportedComment, why: Why) =>
    act(
      () => call('POST', `/comments/${r.comment.id}/status`, { status: 'deleted', ...why }),
      `Deleted: ${name(r.comment)}`,
    );

  if (!list) return <p class="loading">Loading reported comments…</p>;
  return (
    <section class="reported" aria-labelledby="reported-title">
      <h3 id="reported-title">Reported by readers</h3>
      {list.reported.length === 0 && <p class="empty">No reported comments: nothing to look at.</p>}
      <ul class="rows">
        {list.reported.map((r) => (
          <ReportedRow key={r.comment.id} r={r} onDismiss={dismiss} onRemove={remove} onAuthor={onAuthor} />
        ))}
      </ul>
      {list.nextCursor && (
        <button type="button" class="more" onClick={() => load(list.nextCursor ?? undefined)}>
          Load more
        </button>
      )}
    </section>
  );
}

function ReportedRow(props: {
  r: ReportedComment;
  onDismiss: (c: AdminComment) => void;
  onRemove: (r: ReportedComment, why: Why) => void;
  onAuthor?: ((c: AdminComment) => void) | undefined;
}) {
  const { comment: c, count, reasons, reports, held, lastAt } = props.r;
  const heading = `reported-${c.id}`;
  const [removing, setRemoving] = useState(false);
  const [why, setWhy] = useState<Why | undefined>(undefined);
  return (
    <li class={`row status-${c.status}`} data-id={c.id} aria-labelledby={heading}>
      <div class="row-head">
        <span class="author" id={heading}>
          {c.author.name || 'Anonymous'}
        </span>
        {c.author.email && <span class="email">{c.author.email}</span>}
        <span class={`tag st-${c.status}`}>{c.status}</span>
        <strong class="report-count">
          {count} {count === 1 ? 'report' : 'reports'}
        </strong>
        {held && <span class="tag reason">held by reports</span>}
      </div>
      <div class="row-meta">
        <PageLink page={c.page} url={c.pageUrl} /> · last reported{' '}
        <time dateTime={lastAt}>{when(lastAt)}</time>
      </div>
      {/* The server's sanitized HTML, the same the widget shows. */}
      <div class="body" dangerouslySetInnerHTML={{ __html: c.html }} />
      <p class="report-reasons">
        {Object.entries(reasons).map(([k, n]) => (
          <span key={k} class="tag reason">
            {REASON_TEXT[k as ReportReason] ?? k}: {n}
          </span>
        ))}
      </p>
      <ol
        class="reports"
        aria-label={`Reports of the comment by ${c.author.name || 'Anonymous'}, newest first`}
      >
        {reports.map((x, i) => (
          <li key={`${x.at}-${i}`}>
            <strong>{REASON_TEXT[x.reason]}</strong>
            {x.text && <> — “{x.text}”</>} <time dateTime={x.at}>{when(x.at)}</time>
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" class="ok" onClick={() => props.onDismiss(c)}>
          {held && c.status === 'pending' ? 'Dismiss reports and publish' : 'Dismiss reports'}
        </button>
        {c.status !== 'deleted' && (
          <button type="button" class="danger" aria-expanded={removing} onClick={() => setRemoving(true)}>
            Delete comment
          </button>
        )}
        {props.onAuthor && (
          <button type="button" onClick={() => props.onAuthor?.(c)}>
            Author history
          </button>
        )}
      </div>
      {removing && (
        <form
          class="inline"
          aria-label="Why"
          onSubmit={(e) => {
            e.preventDefault();
            if (why) props.onRemove(props.r, why);
            setRemoving(false);
          }}
        >
          <ReasonFields
            name={`why-${c.id}`}
            initial={topReason(reasons)}
            commentId={c.id}
            onChange={setWhy}
          />
          <div class="actions">
            <button type="submit" class="primary">
              Delete with this reason
            </button>
            <button type="button" onClick={() => setRemoving(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
