/** The Data tab's import outcome panel: counts, the format read, skipped records, a dry run's page mapping. */
import type { ImportFormat } from '../../api/src/contract/limits.js';
import type { ImportOutcome } from './api.js';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  disqus: 'Disqus (XML)',
  wordpress: 'WordPress (WXR)',
  isso: 'Isso (SQLite database or JSON)',
  remark42: 'Remark42 (backup, JSON lines)',
  commento: 'Commento (JSON)',
  waline: 'Waline (JSON)',
  native: 'Afterword (native JSON)',
};
export type Outcome =
  | { kind: 'running'; dryRun: boolean }
  | { kind: 'done'; r: ImportOutcome; format: ImportFormat | undefined }
  | { kind: 'failed'; text: string };

/** The panel under the form: the last import's outcome, kept until the next one starts. */
export function Result({ o }: { o: Outcome }) {
  if (o.kind === 'running')
    return (
      <div class="import-result" role="status">
        {o.dryRun ? 'Reading the file…' : 'Importing…'}
      </div>
    );
  if (o.kind === 'failed')
    return (
      <div class="import-result failed" role="alert">
        <p>
          <strong>Import failed.</strong> {o.text}
        </p>
      </div>
    );
  const { r } = o;
  const m = r.mapping;
  return (
    <div class={`import-result${r.records === 0 ? ' failed' : ''}`} role="status">
      <p>
        {r.format && `Read as ${FORMAT_NAMES[r.format]}. `}
        {r.dryRun
          ? `Dry run, nothing written: ${r.records} records read, ${r.problems} skipped, on ${r.pages} pages.`
          : `${r.records} records read: ${r.imported} imported, ${r.existing} already there, ${r.problems} skipped, on ${r.pages} pages.`}
        {!r.complete && ' It stopped before the end: import again to go on.'}
      </p>
      {r.records === 0 && (
        <p>
          Nothing was read from this file. Is it a {FORMAT_NAMES[r.format ?? o.format ?? 'native']} export?
          Check the format chosen.
        </p>
      )}
      {r.problemList.length > 0 && (
        <>
          <h3>Skipped records</h3>
          <ul class="problems">
            {r.problemList.map((p) => (
              <li>
                <code>{p.where}</code>: {p.message}
              </li>
            ))}
          </ul>
          {r.problems > r.problemList.length && <p>…and {r.problems - r.problemList.length} more.</p>}
        </>
      )}
      {m && <Mapping m={m} />}
    </div>
  );
}

function Mapping({ m }: { m: NonNullable<ImportOutcome['mapping']> }) {
  return (
    <>
      <table class="mapping">
        <caption>Where each page’s thread goes</caption>
        <thead>
          <tr>
            <th scope="col">Page in the file</th>
            <th scope="col">Goes to</th>
            <th scope="col">Comments</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {m.pages.map((p) => (
            <tr key={p.from} class={p.from === p.to ? 'same' : 'moved'}>
              <td>
                <code>{p.from}</code>
              </td>
              <td>{p.from === p.to ? <span class="detail">unchanged</span> : <code>{p.to}</code>}</td>
              <td>{p.comments}</td>
              <td>{p.rule ? <code>{p.rule}</code> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {m.more > 0 && <p>…and {m.more} more pages.</p>}
      {m.unusedRules.length > 0 && (
        <p class="warn">
          Rules that matched no page:{' '}
          {m.unusedRules.map((r) => (
            <code key={r}>{r} </code>
          ))}
        </p>
      )}
    </>
  );
}
