/**
 * The Data tab's import form and its result panel: the outcome (or the error) stays on screen until the
 * next import, with every per-record problem listed; path rules (old=new) with a dry-run preview.
 */
import { useState } from 'preact/hooks';
import { IMPORT_FORMATS, IMPORT_MAX_BYTES, type ImportFormat } from '../../api/src/contract/limits.js';
import { ApiFailure, call, type ImportOutcome } from './api.js';
import { errorText } from './errors.js';
import { FORMAT_NAMES, type Outcome, Result } from './import-result.js';

const MB = IMPORT_MAX_BYTES / 2 ** 20;

const isFormat = (v: unknown): v is ImportFormat => IMPORT_FORMATS.includes(v as ImportFormat);

/** What went wrong, said for an import: a file the chosen format cannot read is named as such. */
function importErrorText(err: unknown, format: ImportFormat | undefined): string {
  if (err instanceof ApiFailure && err.code === 'invalid_input') {
    const d = err.details ?? {};
    const fields = Array.isArray(d.fields) ? d.fields : [];
    if (fields.includes('body') && !format)
      return 'The format of this file could not be told. Choose the system it was exported from, then try again.';
    if (fields.includes('body') && format) {
      const seen = isFormat(d.detected) ? ` It looks like a ${FORMAT_NAMES[d.detected]} file.` : '';
      return `This file could not be read as ${FORMAT_NAMES[format]}.${seen} Check the format chosen and the file, then try again.`;
    }
    if (fields.includes('map'))
      return 'A path rule was not accepted. Write one rule a line as old=new (paths or URLs); a trailing * on both sides maps a prefix (/2014/*=/posts/*).';
    if (fields.includes('rewrite'))
      return 'The domain move was not accepted. Write it as old.example.com=blog.example.com (hosts only; paths go in the path rules).';
  }
  return errorText(err);
}

const ruleLines = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export function ImportPanel({ site, onError }: { site: string; onError: (err: unknown) => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const base = `/sites/${encodeURIComponent(site)}`;

  const run = async (form: HTMLFormElement, dryRun: boolean) => {
    const f = new FormData(form);
    const file = f.get('file');
    const chosen = String(f.get('format') ?? '');
    const format = isFormat(chosen) ? chosen : undefined;
    if (!(file instanceof File) || file.size === 0)
      return setOutcome({ kind: 'failed', text: 'Choose a file first.' });
    if (file.size > IMPORT_MAX_BYTES)
      return setOutcome({
        kind: 'failed',
        text: `This file is over ${MB} MB: import it with the command line (npx afterword import).`,
      });
    const params = new URLSearchParams(format ? { format } : {});
    const rewrite = String(f.get('rewrite') ?? '').trim();
    if (rewrite) params.append('rewrite', rewrite);
    for (const rule of ruleLines(f.get('map'))) params.append('map', rule);
    if (dryRun) params.set('dryRun', 'true');
    setOutcome({ kind: 'running', dryRun });
    try {
      // An import that runs out of time stops cleanly; sending the file again goes on where it stopped.
      let r: ImportOutcome;
      let rounds = 0;
      do {
        r = await call<ImportOutcome>('POST', `${base}/import?${params}`, file);
        if (r.nextSkip !== null) params.set('skip', String(r.nextSkip));
        rounds++;
      } while (!dryRun && !r.complete && rounds < 20);
      setOutcome({ kind: 'done', r, format });
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) onError(err);
      setOutcome({ kind: 'failed', text: importErrorText(err, format) });
    }
  };

  const busy = outcome?.kind === 'running';
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run(e.currentTarget as HTMLFormElement, false);
        }}
      >
        <label>
          From{' '}
          <select name="format">
            <option value="">Tell from the file</option>
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
        <label>
          Page paths that changed (one rule a line, old=new; a trailing * maps a prefix; optional)
          <textarea name="map" rows={3} placeholder={'/2014/test/=/posts/test/\n/2015/*=/posts/*'} />
        </label>
        <div class="actions">
          <button
            type="button"
            disabled={busy}
            onClick={(e) => run((e.currentTarget as HTMLElement).closest('form') as HTMLFormElement, true)}
          >
            Preview the pages (dry run)
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy && !outcome.dryRun ? 'Importing…' : 'Import'}
          </button>
        </div>
        <p class="hint">
          Importing the same file again adds nothing. Larger files: <code>npx afterword import</code>.
        </p>
      </form>
      {outcome && <Result o={outcome} />}
    </>
  );
}
