/**
 * Import, export and GDPR panel of the admin page. Self-contained: mount it with
 * `<PortabilityView site={site} owner={isOwner} notify={notify} onError={onError} />`.
 */
import { useState } from 'preact/hooks';
import { IMPORT_FORMATS, IMPORT_MAX_BYTES, type ImportFormat } from '../../api/src/contract/limits.js';
import { type AuthorErased, type AuthorExport, call, type ExportChunk, type ImportOutcome } from './api.js';

interface Props {
  site: string;
  owner: boolean;
  notify: (text: string) => void;
  onError: (err: unknown) => void;
}

const FORMAT_NAMES: Record<ImportFormat, string> = {
  disqus: 'Disqus (XML)',
  wordpress: 'WordPress (WXR)',
  isso: 'Isso (SQLite database or JSON)',
  remark42: 'Remark42 (backup, JSON lines)',
  commento: 'Commento (JSON)',
  waline: 'Waline (JSON)',
  native: 'Afterword (native JSON)',
};
const MB = IMPORT_MAX_BYTES / 2 ** 20;

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
  const [result, setResult] = useState<ImportOutcome | null>(null);

  const upload = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const file = f.get('file');
    if (!(file instanceof File) || file.size === 0) return notify('Choose a file first');
    if (file.size > IMPORT_MAX_BYTES)
      return notify(`Files over ${MB} MB need the command line: npx afterword import`);
    const params = new URLSearchParams({ format: String(f.get('format')) });
    const rewrite = String(f.get('rewrite') ?? '').trim();
    if (rewrite) params.append('rewrite', rewrite);
    setBusy('import');
    try {
      // An import that runs out of time stops cleanly; sending the file again goes on where it stopped.
      let r: ImportOutcome;
      let rounds = 0;
      do {
        r = await call<ImportOutcome>('POST', `${base}/import?${params}`, file);
        if (r.nextSkip !== null) params.set('skip', String(r.nextSkip));
        rounds++;
      } while (!r.complete && rounds < 20);
      setResult(r);
      notify(`Imported ${r.imported} comments (${r.existing} already there, ${r.problems} skipped)`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy('');
    }
  };

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
        {owner ? (
          <form onSubmit={upload}>
            <label>
              From{' '}
              <select name="format">
                {IMPORT_FORMATS.map((f) => (
                  <option value={f}>{FORMAT_NAMES[f]}</option>
                ))}
              </select>
            </label>
            <label>
              File (up to {MB} MB) <input type="file" name="file" required />
            </label>
            <label>
              Move to a new domain (old=new, optional){' '}
              <input name="rewrite" placeholder="old.example.com=blog.example.com" />
            </label>
            <button type="submit" disabled={busy !== ''}>
              {busy === 'import' ? 'Importing…' : 'Import'}
            </button>
            <p class="hint">
              Importing the same file again adds nothing. Larger files: <code>npx afterword import</code>.
            </p>
          </form>
        ) : (
          <p>Only owners of this site can import.</p>
        )}
        {result && (
          <div role="status">
            <p>
              {result.records} records read: {result.imported} imported, {result.existing} already there,{' '}
              {result.problems} skipped, on {result.pages} pages.
            </p>
            {result.problemList.length > 0 && (
              <ul>
                {result.problemList.map((p) => (
                  <li>
                    {p.where}: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
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
