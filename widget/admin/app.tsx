/** The admin page shell: login or the dashboard (site picker, views, toasts). */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, call, type Me, setCsrf } from './api.js';
import { errorText } from './errors.js';
import { LogView } from './log.js';
import { Login } from './login.js';
import { MailChoice } from './mail-choice.js';
import { PortabilityView } from './portability.js';
import { QueueView } from './queue.js';
import { SecurityView } from './security.js';
import { SettingsView } from './settings.js';

type View = 'queue' | 'settings' | 'data' | 'log' | 'security';

const LABELS: Record<View, string> = {
  queue: 'Queue',
  settings: 'Settings',
  data: 'Data',
  log: 'Log',
  security: 'Security',
};

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [site, setSite] = useState('');
  const [view, setView] = useState<View>('queue');
  const [toast, setToast] = useState('');

  const signedIn = useCallback((m: Me) => {
    setCsrf(m.csrfToken);
    setMe(m);
    setSite((s) => (s && m.sites.some((x) => x.site === s) ? s : (m.sites[0]?.site ?? '')));
  }, []);

  useEffect(() => {
    call<Me>('GET', '/me')
      .then(signedIn)
      .catch(() => setMe(null));
  }, [signedIn]);

  const notify = useCallback((text: string) => {
    setToast(text);
    window.setTimeout(() => setToast((t) => (t === text ? '' : t)), 4000);
  }, []);

  const onError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) setMe(null);
      notify(errorText(err));
    },
    [notify],
  );

  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <Login onDone={signedIn} />;

  const role = me.sites.find((s) => s.site === site)?.role;
  const logout = async () => {
    await call('POST', '/logout').catch(() => undefined);
    setMe(null);
  };

  return (
    <div class="shell">
      <header class="top">
        <h1>Afterword</h1>
        <label class="site-pick">
          <span>Site</span>
          <select value={site} onChange={(e) => setSite((e.target as HTMLSelectElement).value)}>
            {me.sites.map((s) => (
              <option key={s.site} value={s.site}>
                {s.name} ({s.role})
              </option>
            ))}
          </select>
        </label>
        <nav aria-label="Views">
          {(Object.keys(LABELS) as View[]).map((v) => (
            <button
              type="button"
              key={v}
              class={view === v ? 'tab active' : 'tab'}
              aria-current={view === v ? 'page' : undefined}
              onClick={() => setView(v)}
            >
              {LABELS[v]}
            </button>
          ))}
        </nav>
        <span class="who">{me.moderator.name}</span>
        <MailChoice notify={notify} onError={onError} />
        <button type="button" class="link" onClick={logout}>
          Log out
        </button>
      </header>
      <main id="main">
        {!site ? (
          <p>You do not moderate any site yet.</p>
        ) : view === 'queue' ? (
          <QueueView key={site} site={site} notify={notify} onError={onError} />
        ) : view === 'settings' ? (
          <SettingsView key={site} site={site} owner={role === 'owner'} notify={notify} onError={onError} />
        ) : view === 'data' ? (
          <PortabilityView
            key={site}
            site={site}
            owner={role === 'owner'}
            notify={notify}
            onError={onError}
          />
        ) : view === 'security' ? (
          <SecurityView
            key={site}
            site={site}
            owner={role === 'owner'}
            notify={notify}
            onError={onError}
            onSignedOut={() => setMe(null)}
          />
        ) : (
          <LogView key={site} site={site} onError={onError} />
        )}
      </main>
      <div class="toast" role="status" aria-live="polite">
        {toast}
      </div>
    </div>
  );
}
