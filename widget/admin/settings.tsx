/** Site settings (owners change them; moderators read them) and the site's bans. */
import { useEffect, useState } from 'preact/hooks';
import {
  BLOCKED_ACTIONS,
  type BlockedAction,
  DOMAIN_ACTIONS,
  type DomainAction,
  MODERATION_MODES,
  type ModerationMode,
  SITE_SETTING_BOUNDS as SITE,
  SPAM_BOUNDS as SPAM,
} from '../../api/src/contract/limits.js';
import { type Ban, type Bans, call, type SiteSettings, type SiteSettingsResult } from './api.js';
import { ProvidersView } from './providers.js';
import { ReactionsFieldset, reactionsFrom } from './reactions.js';
import { CommentRefView } from './ref.js';
import { RemoteLinksView } from './remote-links.js';

interface Props {
  site: string;
  owner: boolean;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
}

const MODERATION: Record<ModerationMode, string> = {
  none: 'none: publish at once',
  'first-time': 'first-time: hold authors until one comment is approved',
  all: 'all: hold every comment',
};
const BLOCKED: Record<BlockedAction, string> = {
  pending: 'holds the comment for review',
  reject: 'rejects the comment',
};
const DOMAIN: Record<DomainAction, string> = {
  hold: '“hold” (held for review)',
  block: '“block” (refused)',
};
/** `min`/`max` attributes of a number field, from the contract's bounds. */
const range = (b: { min: number; max: number }) => ({ min: String(b.min), max: String(b.max) });

const num = (v: FormDataEntryValue | null) => (v === null || v === '' ? undefined : Number(v));
/** Email-domain rules as typed, one a line: `example.com hold` or `example.net block` (hold when left out). */
const domainRules = (v: FormDataEntryValue | null) =>
  lines(v).map((l) => {
    const [domain = '', action = 'hold'] = l.split(/\s+/);
    return { domain, action: (DOMAIN_ACTIONS as readonly string[]).includes(action) ? action : 'hold' };
  });
const lines = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function SettingsView({ site, owner, notify, onError }: Props) {
  const [s, setS] = useState<SiteSettings | null>(null);
  const [bans, setBans] = useState<Ban[]>([]);
  const base = `/sites/${encodeURIComponent(site)}`;

  const loadBans = () =>
    call<Bans>('GET', `${base}/bans`)
      .then((r) => setBans(r.bans))
      .catch(onError);

  useEffect(() => {
    call<SiteSettingsResult>('GET', `${base}/settings`)
      .then((r) => setS(r.site))
      .catch(onError);
    loadBans();
  }, [site]);

  if (!s) return <p class="loading">Loading…</p>;

  const save = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const key = String(f.get('akismetKey') ?? '').trim();
    const body = {
      name: String(f.get('name') ?? ''),
      origins: lines(f.get('origins')),
      moderation: f.get('moderation'),
      editWindowSec: Math.round((num(f.get('editWindowMin')) ?? 15) * 60),
      maxDepth: num(f.get('maxDepth')),
      maxBodyLength: num(f.get('maxBodyLength')),
      reportThreshold: num(f.get('reportThreshold')),
      readers: {
        email: f.get('readerEmail') === 'on',
        passkey: f.get('readerPasskey') === 'on',
        required: f.get('readerRequired') === 'on',
        editsAnytime: f.get('readerEditsAnytime') === 'on',
      },
      reactions: reactionsFrom(f),
      remote: {
        premoderate: f.get('remotePremoderate') === 'on',
        discover: f.get('remoteDiscover') === 'on',
        webmention: f.get('webmention') === 'on',
      },
      spam: {
        requireComposeToken: f.get('requireComposeToken') === 'on',
        minComposeSec: num(f.get('minComposeSec')),
        maxLinks: num(f.get('maxLinks')),
        blockedWords: lines(f.get('blockedWords')),
        blockedAction: f.get('blockedAction'),
        ratePerClient: num(f.get('ratePerClient')),
        ratePerPage: num(f.get('ratePerPage')),
        rateWindowSec: num(f.get('rateWindowSec')),
        duplicateWindowSec: num(f.get('duplicateWindowSec')),
        trustAfter: num(f.get('trustAfter')),
        emailDomains: domainRules(f.get('emailDomains')),
        disposableEmail: f.get('disposableEmail') === 'on',
        contentCheck: f.get('contentCheck') === 'on',
        contentThreshold: num(f.get('contentThreshold')),
        akismet: f.get('akismet') === 'on',
        ...(key ? { akismetKey: key } : {}),
      },
    };
    try {
      const r = await call<SiteSettingsResult>('PUT', `${base}/settings`, body);
      setS(r.site);
      notify('Settings saved');
    } catch (err) {
      onError(err);
    }
  };

  /** `restore`: the undo of "hide past comments" (those the ban hid come back as they were). */
  const unban = async (b: Ban, restore = false) => {
    try {
      const r = await call<{ restored?: number }>('DELETE', `${base}/bans`, {
        kind: b.kind,
        hash: b.hash,
        ...(restore ? { restore: true } : {}),
      });
      notify(restore ? `Ban lifted; ${r.restored ?? 0} comments restored` : 'Ban lifted');
    } catch (err) {
      onError(err);
    }
    loadBans();
  };

  const sp = s.spam;
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings of {s.name}</h2>
      {!owner && <p class="note">Only an owner of this site can change its settings.</p>}
      <form onSubmit={save}>
        <fieldset disabled={!owner}>
          <legend>Site</legend>
          <label>
            Name
            <input name="name" defaultValue={s.name} />
          </label>
          <label>
            Allowed origins (one per line)
            <textarea name="origins" rows={3} defaultValue={s.origins.join('\n')} />
          </label>
          <label>
            Moderation
            <select name="moderation" defaultValue={s.moderation}>
              {MODERATION_MODES.map((m) => (
                <option key={m} value={m}>
                  {MODERATION[m]}
                </option>
              ))}
            </select>
          </label>
          <div class="grid">
            <label>
              Edit window (minutes)
              <input
                name="editWindowMin"
                type="number"
                min={String(SITE.editWindowSec.min / 60)}
                max={String(SITE.editWindowSec.max / 60)}
                step="1"
                defaultValue={String(Math.round(s.editWindowSec / 60))}
              />
            </label>
            <label>
              Reply depth
              <input
                name="maxDepth"
                type="number"
                {...range(SITE.maxDepth)}
                defaultValue={String(s.maxDepth)}
              />
            </label>
            <label>
              Longest comment (characters)
              <input
                name="maxBodyLength"
                type="number"
                {...range(SITE.maxBodyLength)}
                defaultValue={String(s.maxBodyLength)}
              />
            </label>
            <label>
              Hold a comment for review after reports from this many readers (0: never)
              <input
                name="reportThreshold"
                type="number"
                {...range(SITE.reportThreshold)}
                defaultValue={String(s.reportThreshold)}
              />
            </label>
          </div>
        </fieldset>
        <fieldset disabled={!owner}>
          <legend>Spam rules</legend>
          <label class="check">
            <input name="requireComposeToken" type="checkbox" defaultChecked={sp.requireComposeToken} /> Hold
            comments sent without loading the thread first
          </label>
          <div class="grid">
            <label>
              Minimum compose time (s)
              <input
                name="minComposeSec"
                type="number"
                {...range(SPAM.minComposeSec)}
                placeholder="3"
                defaultValue={sp.minComposeSec?.toString() ?? ''}
              />
            </label>
            <label>
              Most links before holding
              <input
                name="maxLinks"
                type="number"
                {...range(SPAM.maxLinks)}
                placeholder="no limit"
                defaultValue={sp.maxLinks?.toString() ?? ''}
              />
            </label>
            <label>
              Posts per client per window
              <input
                name="ratePerClient"
                type="number"
                {...range(SPAM.ratePerClient)}
                placeholder="no limit"
                defaultValue={sp.ratePerClient?.toString() ?? ''}
              />
            </label>
            <label>
              Posts per page per window
              <input
                name="ratePerPage"
                type="number"
                {...range(SPAM.ratePerPage)}
                placeholder="no limit"
                defaultValue={sp.ratePerPage?.toString() ?? ''}
              />
            </label>
            <label>
              Rate window (s)
              <input
                name="rateWindowSec"
                type="number"
                {...range(SPAM.rateWindowSec)}
                placeholder="600"
                defaultValue={sp.rateWindowSec?.toString() ?? ''}
              />
            </label>
            <label>
              Refuse repeats within (s)
              <input
                name="duplicateWindowSec"
                type="number"
                {...range(SPAM.duplicateWindowSec)}
                placeholder="off"
                defaultValue={sp.duplicateWindowSec?.toString() ?? ''}
              />
            </label>
          </div>
          <label>
            Blocked words (one per line)
            <textarea name="blockedWords" rows={3} defaultValue={(sp.blockedWords ?? []).join('\n')} />
          </label>
          <label>
            A blocked word
            <select name="blockedAction" defaultValue={sp.blockedAction ?? 'pending'}>
              {BLOCKED_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {BLOCKED[a]}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input name="akismet" type="checkbox" defaultChecked={sp.akismet} /> Ask Akismet about each
            comment
          </label>
          <label>
            Akismet key {sp.akismetKeySet ? '(set; leave empty to keep)' : ''}
            <input name="akismetKey" type="password" autoComplete="off" />
          </label>
        </fieldset>
        <fieldset disabled={!owner}>
          <legend>Trust and email rules</legend>
          <div class="grid">
            <label>
              Trust an author after this many approved comments (first-time mode)
              <input
                name="trustAfter"
                type="number"
                {...range(SPAM.trustAfter)}
                placeholder="1"
                defaultValue={sp.trustAfter?.toString() ?? ''}
              />
            </label>
            <label>
              External check: hold at a label score of (%)
              <input
                name="contentThreshold"
                type="number"
                {...range(SPAM.contentThreshold)}
                placeholder="80"
                defaultValue={sp.contentThreshold?.toString() ?? ''}
              />
            </label>
          </div>
          <label>
            Email-domain rules, one per line: a domain, then{' '}
            {DOMAIN_ACTIONS.map((a) => DOMAIN[a]).join(' or ')}
            <textarea
              name="emailDomains"
              rows={3}
              placeholder="example.com hold"
              defaultValue={(sp.emailDomains ?? []).map((r) => `${r.domain} ${r.action}`).join('\n')}
            />
          </label>
          <label class="check">
            <input name="disposableEmail" type="checkbox" defaultChecked={sp.disposableEmail} /> Hold comments
            from disposable email addresses
          </label>
          <label class="check">
            <input name="contentCheck" type="checkbox" defaultChecked={sp.contentCheck} /> Ask the external
            content check about each comment (only its text is sent; needs the API set up with one)
          </label>
        </fieldset>
        <fieldset disabled={!owner}>
          <legend>Reader sign-in</legend>
          <p class="note">
            Comments stay anonymous unless readers choose to sign in. Signed-in readers’ comments show a
            verified badge; their name is kept and they can see, export and erase what they wrote.
          </p>
          <label class="check">
            <input name="readerEmail" type="checkbox" defaultChecked={s.readers?.email === true} /> Readers
            may sign in with an email link (sent through this site’s mail)
          </label>
          <label class="check">
            <input name="readerPasskey" type="checkbox" defaultChecked={s.readers?.passkey === true} />{' '}
            Readers may sign in with a passkey
          </label>
          <label class="check">
            <input
              name="readerEditsAnytime"
              type="checkbox"
              defaultChecked={s.readers?.editsAnytime === true}
            />{' '}
            Signed-in readers may edit and delete their own comments at any time (else only within the edit
            window)
          </label>
          <label class="check">
            <input name="readerRequired" type="checkbox" defaultChecked={s.readers?.required === true} />{' '}
            Require sign-in to comment (no anonymous comments)
          </label>
        </fieldset>
        <fieldset disabled={!owner}>
          <legend>Replies from elsewhere</legend>
          <p class="note">
            Replies to a page’s posts on Mastodon and Bluesky (link them with <code>afterword page link</code>
            ) and Webmentions join its thread, through these rules.
          </p>
          <label class="check">
            <input name="remotePremoderate" type="checkbox" defaultChecked={s.remote?.premoderate === true} />{' '}
            Hold every reply from elsewhere for review
          </label>
          <label class="check">
            <input name="remoteDiscover" type="checkbox" defaultChecked={s.remote?.discover === true} /> Find
            a page’s posts on the page itself (its <code>rel="syndication"</code> links and the script tag’s{' '}
            <code>data-afterword-mastodon</code> / <code>data-afterword-bluesky</code>)
          </label>
          <label class="check">
            <input name="webmention" type="checkbox" defaultChecked={s.remote?.webmention === true} /> Accept
            Webmentions
          </label>
        </fieldset>
        <ReactionsFieldset s={s} owner={owner} />
        {owner && (
          <button type="submit" class="primary">
            Save settings
          </button>
        )}
      </form>
      <ProvidersView site={site} owner={owner} notify={notify} onError={onError} />
      <RemoteLinksView site={site} notify={notify} onError={onError} />
      <h2>Bans</h2>
      {bans.length === 0 ? (
        <p class="empty">No one is banned.</p>
      ) : (
        <table class="bans">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">For the comment</th>
              <th scope="col">Kind</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
              <th scope="col">Until</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bans.map((b) => (
              <tr key={`${b.kind}${b.hash}`}>
                <td class="ban-who">
                  {b.comment && !b.comment.gone ? (
                    <>
                      <strong>{b.comment.name || 'Anonymous'}</strong>
                      {b.email && <span class="email"> {b.email}</span>}
                      {b.account && <span class="email"> {b.account}</span>}
                    </>
                  ) : (
                    <span class="detail">
                      {b.comment ? 'erased author' : 'unknown (banned before names were kept)'}
                    </span>
                  )}
                </td>
                <td>{b.comment ? <CommentRefView r={b.comment} /> : '—'}</td>
                <td>
                  {b.kind}{' '}
                  <code class="detail" title="keyed hash (never the value)">
                    {b.hash.slice(0, 8)}
                  </code>
                </td>
                <td>{b.reason || '—'}</td>
                <td>{b.by}</td>
                <td>{b.until ? new Date(b.until).toLocaleString() : 'ever'}</td>
                <td>
                  <button type="button" onClick={() => unban(b)}>
                    Lift
                  </button>
                  {b.hidden ? (
                    <button type="button" onClick={() => unban(b, true)}>
                      Lift and restore {b.hidden} hidden comment{b.hidden > 1 ? 's' : ''}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
