/**
 * Import, export and GDPR panel of the admin page. Self-contained: mount it with
 * `<PortabilityView site={site} owner={isOwner} notify={notify} onError={onError} />`.
 */
import { useState } from 'preact/hooks';
import { type AuthorErased, type AuthorExport, call, type ExportChunk } from './api.js';
import { ImportPanel } from './import.js';

interface Props {
  site: string;
  owner: boolean;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PortabilityView({ site, owner, notify, onError }: Props) {
  const base = `/sites/${encodeURIComponent(site)}`;
  const [busy, setBusy] = useState('');

  const exportSite = async () => {
    setBusy('export');
    try {
      const first = await call<ExportChunk>('GET', `${base}/export`);
      const all = { ...first };
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await call<ExportChunk>('GET', `${base}/export?cursor=${encodeURIComponent(cursor)}`);
        all.comments = [...all.comments, ...next.comments];
        all.pages = [...all.pages, ...next.pages];
        cursor = next.nextCursor;
      }
      all.nextCursor = null;
      download(`afterword-${site}.json`, JSON.stringify(all, null, 1));
    } catch (err) {
      onError(err);
    } finally {
      setBusy('');
    }
  };

  const author = async (e: Event, erase: boolean) => {
    e.preventDefault();
    const form = (e.currentTarget as HTMLElement).closest('form') as HTMLFormElement;
    const email = String(new FormData(form).get('email') ?? '').trim();
    if (!email) return notify('Enter the author’s email');
    const q = `?email=${encodeURIComponent(email)}`;
    try {
      if (!erase) {
        const r = await call<AuthorExport>('GET', `${base}/authors/export${q}`);
        download(`afterword-${site}-author.json`, JSON.stringify(r, null, 1));
        notify(`${r.comments.length} comments by ${email}`);
        return;
      }
      if (!window.confirm(`Erase every comment ${email} wrote on ${site}? This cannot be undone.`)) return;
      setBusy('erase');
      let erased = 0;
      for (let round = 0; round < 20; round++) {
        const r = await call<AuthorErased>('DELETE', `${base}/authors${q}`);
        erased += r.erased;
        if (r.complete) break;
      }
      notify(`Erased ${erased} comments by ${email}`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy('');
    }
  };

  return (
    <div class="portability">
      <section>
        <h2>Import comments</h2>
        {owner ? <ImportPanel site={site} onError={onError} /> : <p>Only owners of this site can import.</p>}
      </section>
      <section>
        <h2>Export</h2>
        {owner ? (
          <button type="button" onClick={exportSite} disabled={busy !== ''}>
            {busy === 'export' ? 'Exporting…' : 'Download every comment (native JSON)'}
          </button>
        ) : (
          <p>Only owners of this site can export it.</p>
        )}
      </section>
      <section>
        <h2>One author’s data (GDPR)</h2>
        <form onSubmit={(e) => author(e, false)}>
          <label>
            Author email <input type="email" name="email" required />
          </label>
          <button type="submit" disabled={busy !== ''}>
            Download their comments
          </button>{' '}
          <button type="button" class="danger" disabled={busy !== ''} onClick={(e) => author(e, true)}>
            {busy === 'erase' ? 'Erasing…' : 'Erase their comments'}
          </button>
        </form>
      </section>
    </div>
  );
}
