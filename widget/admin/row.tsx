/** One comment in the queue: selection, the sanitized text, and every action on it. */
import { useEffect, useState } from 'preact/hooks';
import { flagText } from '../../api/src/contract/flags.js';
import type { BanKind, CommentStatus } from '../../api/src/contract/limits.js';
import { SOURCE_NAMES } from '../src/remote-texts.js';
import type { AdminComment } from './api.js';
import { ReasonFields, type Why } from './reason.js';
import { CommentRefView, PageLink } from './ref.js';

export interface RowActions {
  /** A removal (spam, deleted) carries its reason, and whether to tell the author. */
  setStatus(c: AdminComment, to: CommentStatus, why?: Why): void;
  /** Opens the author's history on the site. */
  author(c: AdminComment): void;
  edit(c: AdminComment, body: string): Promise<void>;
  reply(c: AdminComment, body: string): Promise<void>;
  pin(c: AdminComment): void;
  /** `hidePast`: also hide the author's past comments (undone from the ban's row in Settings). */
  ban(c: AdminComment, days: number | undefined, what: BanKind | 'both', hidePast?: boolean): void;
  lock(c: AdminComment, locked: boolean): void;
}

/** How long a ban lasts: a number of days, or `forever`. */
export function BanDays(props: { name: string; value: string; onChange: (days: string) => void }) {
  return (
    <label>
      For
      <select
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="1">1 day</option>
        <option value="7">7 days</option>
        <option value="30">30 days</option>
        <option value="forever">ever</option>
      </select>
    </label>
  );
}

/** A time as the admin page shows it (medium date, short time). */
export const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function Row(props: {
  c: AdminComment;
  selected: boolean;
  focused: boolean;
  locked: boolean;
  onSelect: (on: boolean) => void;
  onFocus: () => void;
  act: RowActions;
  /** A removal asked for from the keyboard: opens its form (the value changes with each ask). */
  removeAsk?: { to: 'spam' | 'deleted'; n: number } | undefined;
}) {
  const { c, act } = props;
  const [mode, setMode] = useState<'' | 'edit' | 'reply' | 'ban' | 'spam' | 'deleted'>('');
  const [why, setWhy] = useState<Why | undefined>(undefined);
  useEffect(() => {
    if (props.removeAsk) setMode(props.removeAsk.to);
  }, [props.removeAsk]);
  const [text, setText] = useState('');
  const [days, setDays] = useState('7');
  const [what, setWhat] = useState<BanKind | 'both'>('both');
  const [hidePast, setHidePast] = useState(false);
  const open = (m: 'edit' | 'reply' | 'ban' | 'spam' | 'deleted') => {
    setMode(mode === m ? '' : m);
    setText(m === 'edit' ? c.body : '');
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (mode === 'edit') await act.edit(c, text);
    if (mode === 'reply') await act.reply(c, text);
    if ((mode === 'spam' || mode === 'deleted') && why) act.setStatus(c, mode, why);
    if (mode === 'ban')
      act.ban(c, days === 'forever' ? undefined : Number(days), what, hidePast && what !== 'client');
    setMode('');
  };
  return (
    <li
      class={`row status-${c.status}${props.focused ? ' focused' : ''}${props.selected ? ' selected' : ''}`}
      data-id={c.id}
      aria-current={props.focused ? 'true' : undefined}
    >
      <div class="row-head">
        <input
          type="checkbox"
          checked={props.selected}
          aria-label={`Select comment by ${c.author.name || 'anonymous'}`}
          onChange={(e) => props.onSelect((e.target as HTMLInputElement).checked)}
          onFocus={props.onFocus}
        />
        <span class="author">
          {c.author.name || 'Anonymous'}
          {c.author.moderator && <span class="tag mod">moderator</span>}
        </span>
        {c.author.email && <span class="email">{c.author.email}</span>}
        {c.remote && (
          // A reply fetched from elsewhere: its source, the account there, and the original.
          <span class="remote">
            <span class="tag src">{SOURCE_NAMES[c.remote.source]}</span>{' '}
            {c.remote.handle && <span class="handle">{c.remote.handle}</span>}{' '}
            <a href={c.remote.url} rel="noopener nofollow ugc" target="_blank">
              original
            </a>
          </span>
        )}
        <span class={`tag st-${c.status}`}>{c.status}</span>
        {c.pinned && <span class="tag">pinned</span>}
        {props.locked && <span class="tag">thread locked</span>}
        {c.spamReasons?.map((r) => (
          <span key={r} class="tag reason" title={r}>
            {flagText(r)}
          </span>
        ))}
      </div>
      <div class="row-meta">
        <PageLink page={c.page} url={c.pageUrl} /> · <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
        {c.editedAt && ' · edited'}
        {c.author.website && (
          <>
            {' · '}
            <span class="website">{c.author.website}</span>
          </>
        )}
      </div>
      {c.parent && (
        <p class="parent">
          In reply to <CommentRefView r={c.parent} />
        </p>
      )}
      {/* The server's sanitized HTML, the same the widget shows. */}
      <div class="body" dangerouslySetInnerHTML={{ __html: c.html }} />
      <div class="actions">
        {c.status !== 'approved' && (
          <button type="button" class="ok" onClick={() => act.setStatus(c, 'approved')}>
            Approve
          </button>
        )}
        {c.status !== 'spam' && (
          <button type="button" aria-expanded={mode === 'spam'} onClick={() => open('spam')}>
            Spam
          </button>
        )}
        {c.status !== 'deleted' && (
          <button
            type="button"
            class="danger"
            aria-expanded={mode === 'deleted'}
            onClick={() => open('deleted')}
          >
            Delete
          </button>
        )}
        <button type="button" aria-expanded={mode === 'edit'} onClick={() => open('edit')}>
          Edit
        </button>
        <button type="button" aria-expanded={mode === 'reply'} onClick={() => open('reply')}>
          Reply
        </button>
        <button type="button" aria-pressed={c.pinned} onClick={() => act.pin(c)}>
          {c.pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" aria-expanded={mode === 'ban'} onClick={() => open('ban')}>
          Ban author
        </button>
        <button type="button" onClick={() => act.author(c)}>
          Author history
        </button>
        <button type="button" onClick={() => act.lock(c, !props.locked)}>
          {props.locked ? 'Unlock thread' : 'Lock thread'}
        </button>
      </div>
      {mode && (
        <form
          class="inline"
          onSubmit={submit}
          aria-label={mode === 'spam' || mode === 'deleted' ? 'Why' : undefined}
        >
          {mode === 'spam' || mode === 'deleted' ? (
            <ReasonFields
              key={mode}
              name={`why-${c.id}`}
              initial={mode === 'spam' ? 'spam' : 'off_topic'}
              commentId={c.id}
              onChange={setWhy}
            />
          ) : mode === 'ban' ? (
            <div class="grid">
              <label>
                Ban
                <select
                  name="ban-what"
                  value={what}
                  onChange={(e) => setWhat((e.target as HTMLSelectElement).value as typeof what)}
                >
                  <option value="both">
                    {c.remote
                      ? `the ${SOURCE_NAMES[c.remote.source]} account ${c.remote.handle ?? ''}`.trim()
                      : 'email and client'}
                  </option>
                  <option value="email" disabled={!c.author.email}>
                    email only
                  </option>
                  <option value="client" disabled={!!c.remote}>
                    client only
                  </option>
                </select>
              </label>
              <BanDays name="ban-days" value={days} onChange={setDays} />
              <label class="check">
                <input
                  type="checkbox"
                  name="ban-hide-past"
                  checked={hidePast && what !== 'client'}
                  disabled={(!c.author.email && !c.remote) || what === 'client'}
                  onChange={(e) => setHidePast((e.target as HTMLInputElement).checked)}
                />
                Also hide their past comments (undo: lift the ban in Settings with “restore”)
              </label>
            </div>
          ) : (
            <label>
              {mode === 'edit' ? 'Edit the comment (markdown)' : 'Reply as moderator (markdown)'}
              <textarea
                value={text}
                rows={4}
                onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
              />
            </label>
          )}
          <div class="actions">
            <button type="submit" class="primary">
              {mode === 'edit'
                ? 'Save'
                : mode === 'reply'
                  ? 'Post reply'
                  : mode === 'spam'
                    ? 'Mark as spam'
                    : mode === 'deleted'
                      ? 'Delete with this reason'
                      : 'Ban'}
            </button>
            <button type="button" onClick={() => setMode('')}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
