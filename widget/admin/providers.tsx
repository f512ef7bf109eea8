/** Site settings: readers' GitHub and OpenID Connect sign-in providers (owners add, change and remove them; a secret is never shown). */
import { useEffect, useState } from 'preact/hooks';
import type { ReaderProviders } from '../../api/src/contract/responses.js';
import { call } from './api.js';

type Provider = (typeof ReaderProviders)['infer']['providers'][number];

interface Props {
  site: string;
  owner: boolean;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
}

const KIND = { github: 'GitHub', oidc: 'OpenID Connect' } as const;

export function ProvidersView({ site, owner, notify, onError }: Props) {
  const [providers, setProviders] = useState<Provider[] | undefined>();
  const [kind, setKind] = useState<'github' | 'oidc'>('github');
  const [editing, setEditing] = useState<Provider | undefined>();
  const base = `/sites/${encodeURIComponent(site)}/reader-providers`;

  useEffect(() => {
    setProviders(undefined);
    call<{ providers: Provider[] }>('GET', base)
      .then((r) => setProviders(r.providers))
      .catch(onError);
  }, [site]);

  const edit = (p: Provider | undefined) => {
    setEditing(p);
    setKind(p?.kind ?? 'github');
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const id = String(f.get('id') ?? '').trim();
    const secret = String(f.get('clientSecret') ?? '').trim();
    try {
      const r = await call<{ providers: Provider[] }>('PUT', `${base}/${encodeURIComponent(id)}`, {
        kind,
        name: String(f.get('name') ?? ''),
        clientId: String(f.get('clientId') ?? ''),
        ...(kind === 'oidc' ? { issuer: String(f.get('issuer') ?? '').trim() } : {}),
        ...(secret ? { clientSecret: secret } : {}),
      });
      setProviders(r.providers);
      form.reset();
      edit(undefined);
      notify(`Sign-in provider “${id}” saved.`);
    } catch (err) {
      onError(err);
    }
  };

  const remove = async (p: Provider) => {
    try {
      const r = await call<{ providers: Provider[] }>('DELETE', `${base}/${encodeURIComponent(p.id)}`);
      setProviders(r.providers);
      notify(`Sign-in provider “${p.id}” removed.`);
    } catch (err) {
      onError(err);
    }
  };

  if (!providers) return <p class="loading">Loading sign-in providers…</p>;
  return (
    <section class="providers" aria-labelledby="providers-title">
      <h2 id="providers-title">Sign-in providers</h2>
      <p class="note">
        Readers may sign in with GitHub or any OpenID Connect provider, in a popup. Register this callback URL
        at the provider: <code>{`${location.origin}/api/v1/reader/oauth/callback`}</code>
      </p>
      {providers.length === 0 ? (
        <p class="empty">No sign-in provider.</p>
      ) : (
        <ul class="provider-list">
          {providers.map((p) => (
            <li key={p.id} data-provider={p.id}>
              <strong>{p.name}</strong> ({KIND[p.kind]}, id {p.id}) client {p.clientId}
              {p.issuer ? `, issuer ${p.issuer}` : ''} —{' '}
              {p.secretSet ? 'secret set' : <strong>secret missing</strong>}
              {owner && (
                <>
                  {' '}
                  <button type="button" onClick={() => edit(p)}>
                    Change
                  </button>{' '}
                  <button type="button" onClick={() => remove(p)}>
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {owner && (
        <form class="provider-form" onSubmit={save} key={editing?.id ?? 'new'}>
          <fieldset>
            <legend>{editing ? `Change “${editing.id}”` : 'Add a provider'}</legend>
            <label>
              Kind{' '}
              <select
                name="kind"
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as 'github' | 'oidc')}
              >
                <option value="github">GitHub</option>
                <option value="oidc">OpenID Connect</option>
              </select>
            </label>
            <label>
              Id (lower-case letters, digits, dashes){' '}
              <input
                name="id"
                required
                pattern="[a-z0-9][a-z0-9\-]{0,31}"
                defaultValue={editing?.id ?? ''}
                readOnly={!!editing}
              />
            </label>
            <label>
              Name readers see{' '}
              <input name="name" required maxLength={60} defaultValue={editing?.name ?? ''} />
            </label>
            {kind === 'oidc' && (
              <label>
                Issuer URL{' '}
                <input
                  name="issuer"
                  type="url"
                  required
                  placeholder="https://"
                  defaultValue={editing?.issuer ?? ''}
                />
              </label>
            )}
            <label>
              Client id{' '}
              <input name="clientId" required maxLength={200} defaultValue={editing?.clientId ?? ''} />
            </label>
            <label>
              Client secret{' '}
              <input
                name="clientSecret"
                type="password"
                autocomplete="off"
                required={!editing}
                maxLength={500}
                placeholder={editing ? 'leave empty to keep the stored one' : ''}
              />
            </label>
            <button type="submit" class="primary">
              Save provider
            </button>{' '}
            {editing && (
              <button type="button" onClick={() => edit(undefined)}>
                Cancel
              </button>
            )}
          </fieldset>
        </form>
      )}
    </section>
  );
}
