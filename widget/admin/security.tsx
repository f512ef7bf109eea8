/** The Security view: the moderator's passkeys and sessions, the site's passkey rule, an owner signing a moderator out everywhere. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type {
  PasskeyOptions,
  Passkeys,
  Sessions,
  SiteSecurity as SiteSecurityT,
} from '../../api/src/contract/responses.js';
import { call } from './api.js';

type PasskeyList = (typeof Passkeys)['infer']['passkeys'];
type SessionList = (typeof Sessions)['infer']['sessions'];
type Options = (typeof PasskeyOptions)['infer'];

interface Props {
  site: string;
  owner: boolean;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
  /** The current session was revoked here: back to the login page. */
  onSignedOut: () => void;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');
const METHOD = { password: 'password', passkey: 'passkey', link: 'email link' } as const;

export function SecurityView({ site, owner, notify, onError, onSignedOut }: Props) {
  const [passkeys, setPasskeys] = useState<PasskeyList | undefined>();
  const [sessions, setSessions] = useState<SessionList | undefined>();
  const [rule, setRule] = useState<boolean | undefined>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [p, s, r] = await Promise.all([
      call<{ passkeys: PasskeyList }>('GET', '/me/passkeys'),
      call<{ sessions: SessionList }>('GET', '/me/sessions'),
      call<(typeof SiteSecurityT)['infer']>('GET', `/sites/${site}/security`),
    ]);
    setPasskeys(p.passkeys);
    setSessions(s.sessions);
    setRule(r.requirePasskey);
  }, [site]);

  useEffect(() => {
    load().catch(onError);
  }, [load, onError]);

  const addPasskey = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setBusy(true);
    try {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const begun = await call<Options>('POST', '/me/passkeys/options');
      const response = await startRegistration({ optionsJSON: begun.options as never });
      const res = await call<{ passkeys: PasskeyList }>('POST', '/me/passkeys', {
        attempt: begun.attempt,
        response,
        ...(name ? { name } : {}),
      });
      setPasskeys(res.passkeys);
      form.reset();
      notify('Passkey added. You can sign in with it now.');
    } catch (err) {
      if (err instanceof Error && err.name === 'NotAllowedError') notify('No passkey was added.');
      else onError(err);
    } finally {
      setBusy(false);
    }
  };

  const removePasskey = async (id: string) => {
    try {
      setPasskeys((await call<{ passkeys: PasskeyList }>('DELETE', `/me/passkeys/${id}`)).passkeys);
      notify('Passkey removed.');
    } catch (err) {
      onError(err);
    }
  };

  const revoke = async (ref: string, current: boolean) => {
    try {
      await call('DELETE', `/me/sessions/${ref}`);
      if (current) return onSignedOut();
      setSessions((list) => list?.filter((s) => s.ref !== ref));
      notify('Session revoked: that browser is signed out.');
    } catch (err) {
      onError(err);
    }
  };

  const saveRule = async (e: Event) => {
    e.preventDefault();
    const requirePasskey = new FormData(e.currentTarget as HTMLFormElement).get('require') === 'on';
    try {
      setRule(
        (await call<{ requirePasskey: boolean }>('PUT', `/sites/${site}/security`, { requirePasskey }))
          .requirePasskey,
      );
      notify(
        requirePasskey
          ? 'Moderators of this site now sign in with a passkey.'
          : 'Passwords and links work again.',
      );
    } catch (err) {
      onError(err);
    }
  };

  const endSessions = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const email = String(new FormData(form).get('email') ?? '').trim();
    try {
      await call('DELETE', `/sites/${site}/moderators/${encodeURIComponent(email)}/sessions`);
      form.reset();
      notify(`Every session of ${email} has ended.`);
    } catch (err) {
      onError(err);
    }
  };

  if (!passkeys || !sessions || rule === undefined) return <p class="loading">Loading…</p>;

  return (
    <section class="security" aria-labelledby="security-title">
      <h2 id="security-title">Security</h2>

      <h3>Your passkeys</h3>
      {passkeys.length === 0 ? (
        <p class="empty">No passkey yet. A passkey signs you in without a password.</p>
      ) : (
        <ul class="passkeys">
          {passkeys.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>{' '}
              <span class="detail">
                added {when(p.createdAt)}, last used {when(p.lastUsedAt)}
              </span>{' '}
              <button type="button" class="link" onClick={() => removePasskey(p.id)}>
                Remove<span class="sr-only"> passkey {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline" onSubmit={addPasskey}>
        <label>
          Name of the new passkey
          <input name="name" maxLength={60} placeholder="e.g. work laptop" />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Waiting for the passkey…' : 'Add a passkey'}
        </button>
      </form>

      <h3>Your sessions</h3>
      <table class="sessions">
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">Signed in with</th>
            <th scope="col">Since</th>
            <th scope="col">Last seen</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.ref} class={s.current ? 'current' : undefined}>
              <td>
                {s.agent}
                {s.current && <span class="tag"> this browser</span>}
              </td>
              <td>{METHOD[s.method]}</td>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.lastSeenAt)}</td>
              <td>
                <button type="button" class="danger" onClick={() => revoke(s.ref, s.current)}>
                  {s.current ? 'Sign out here' : 'Revoke'}
                  <span class="sr-only">
                    {' '}
                    the session of {s.agent} since {when(s.createdAt)}
                  </span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>This site</h3>
      <form onSubmit={saveRule}>
        <fieldset disabled={!owner}>
          <legend>Sign-in rule for the moderators of this site</legend>
          {!owner && <p class="note">Only an owner of this site can change it.</p>}
          <label class="check">
            <input type="checkbox" name="require" checked={rule} />
            Require a passkey: a password or an email link alone is refused
          </label>
          <button type="submit" class="primary">
            Save the rule
          </button>
        </fieldset>
      </form>
      {owner && (
        <form class="inline" onSubmit={endSessions}>
          <label>
            Sign a moderator of this site out everywhere (their address)
            <input name="email" type="email" required />
          </label>
          <button type="submit" class="danger">
            End their sessions
          </button>
        </form>
      )}
    </section>
  );
}
