/** The sign-in page: a passkey, email and password, or a link by mail (and the landing of such a link); errors read out. */
import { useEffect, useState } from 'preact/hooks';
import type { PasskeyOptions } from '../../api/src/contract/responses.js';
import { call, type Me } from './api.js';
import { errorText } from './errors.js';

/** A sign-in link's token, from the fragment of the address (`#signin=<token>`), taken off the address at once. */
function takeLinkToken(): string | undefined {
  const m = /^#signin=([A-Za-z0-9_-]{1,100})$/.exec(location.hash);
  if (!m) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  return m[1];
}

export function Login({ onDone }: { onDone: (me: Me) => void }) {
  const [error, setError] = useState('');
  const [info, setInfo] = useState('');
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'password' | 'link'>('password');

  const attempt = async (run: () => Promise<Me>) => {
    setBusy(true);
    setError('');
    setInfo('');
    try {
      onDone(await run());
    } catch (err) {
      // The browser's own passkey dialog, closed or timed out: nothing to explain.
      if (err instanceof Error && err.name === 'NotAllowedError') setInfo('No passkey was used.');
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // On the landing of a link, and when one is opened in a tab that shows this page already.
    const land = () => {
      const token = takeLinkToken();
      if (token) void attempt(() => call<Me>('POST', '/login/link/use', { token }));
    };
    land();
    addEventListener('hashchange', land);
    return () => removeEventListener('hashchange', land);
  }, []);

  const password = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    void attempt(() =>
      call<Me>('POST', '/login', { email: form.get('email'), password: form.get('password') }),
    );
  };

  const passkey = () =>
    attempt(async () => {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const begun = await call<(typeof PasskeyOptions)['infer']>('POST', '/login/passkey/options');
      const response = await startAuthentication({ optionsJSON: begun.options as never });
      return call<Me>('POST', '/login/passkey', { attempt: begun.attempt, response });
    });

  const link = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      await call('POST', '/login/link', { email: form.get('email') });
      setInfo(
        'If this address belongs to a moderator, a sign-in link is on its way. It works once, for 15 minutes.',
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <form onSubmit={mode === 'password' ? password : link} aria-labelledby="login-title">
        <h1 id="login-title">Afterword moderation</h1>
        <button type="button" class="primary" onClick={passkey} disabled={busy}>
          Sign in with a passkey
        </button>
        <p class="or">or</p>
        <label>
          Email
          <input name="email" type="email" autoComplete="username webauthn" required />
        </label>
        {mode === 'password' && (
          <label>
            Password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {info && (
          <p class="note" role="status">
            {info}
          </p>
        )}
        <button type="submit" class={mode === 'password' ? 'primary' : ''} disabled={busy}>
          {mode === 'password' ? (busy ? 'Logging in…' : 'Log in') : 'Email me a sign-in link'}
        </button>
        <button type="button" class="link" onClick={() => setMode(mode === 'password' ? 'link' : 'password')}>
          {mode === 'password' ? 'Sign in with a link by email instead' : 'Sign in with a password instead'}
        </button>
      </form>
    </main>
  );
}
