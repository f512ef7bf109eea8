/** The API docs page: static HTML rendered from the OpenAPI document, no scripts, nothing from elsewhere. */
import { escapeHtml as esc } from '../domain/escape.js';

type Json = Record<string, unknown>;

/** Resolves a local `#/components/...` reference for display. */
function deref(doc: Json, v: unknown): unknown {
  if (v && typeof v === 'object' && typeof (v as Json).$ref === 'string') {
    let node: unknown = doc;
    for (const part of ((v as Json).$ref as string).slice(2).split('/')) node = (node as Json)?.[part];
    return node;
  }
  return v;
}

/** The schema name of a response body (`Thread`, `ErrorBody`...), linked to its definition below. */
function bodyName(r: Json): string {
  const media = Object.values((r.content as Record<string, Json> | undefined) ?? {})[0];
  const ref = (media?.schema as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return '';
  const name = ref.split('/').pop() ?? '';
  return ` (<a href="#schema-${esc(name)}">${esc(name)}</a>)`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
section.op{border:1px solid #e3e3e3;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
code.m{font-weight:700;text-transform:uppercase;padding:.1rem .4rem;border-radius:4px;background:#eef}
code.get{background:#e6f4ea}code.post{background:#e8f0fe}code.delete{background:#fce8e6}code.patch,code.put{background:#fef7e0}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:13px}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.auth{color:#8a4b00;font-size:13px}@media (prefers-color-scheme:dark){body{background:#111;color:#ddd}pre{background:#1b1b1b}section.op{border-color:#333}code.m{color:#111}}`;

export function renderDocs(doc: Json): string {
  const info = doc.info as Json;
  const tags = (doc.tags as { name: string; description: string }[]) ?? [];
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(String(info.title))}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(String(info.title))}</h1><p>Version ${esc(String(info.version))} · OpenAPI ${esc(String(doc.openapi))} · <a href="/api/v1/openapi.json">openapi.json</a></p>`,
    `<p>${esc(String(info.description ?? ''))}</p>`,
    '<p>Errors: <code>{"error":{"code","message","details?"}}</code> with a 4xx status; storage trouble is 503 with <code>Retry-After</code>.</p>',
  ];
  for (const tag of tags) {
    parts.push(`<h2 id="${esc(tag.name)}">${esc(tag.name)}</h2><p>${esc(tag.description)}</p>`);
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!(op.tags as string[]).includes(tag.name)) continue;
        parts.push(
          `<section class="op" id="${esc(String(op.operationId))}"><h3><code class="m ${esc(method)}">${esc(method)}</code> <code>${esc(path)}</code></h3>`,
          `<p>${esc(String(op.summary))}</p>`,
        );
        const security = op.security as Json[] | undefined;
        if (security)
          parts.push(
            `<p class="auth">Needs: ${esc(security.map((s) => Object.keys(s).join(', ')).join(' or '))}</p>`,
          );
        const params = (op.parameters as Json[] | undefined) ?? [];
        if (params.length > 0) {
          parts.push('<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>');
          for (const p of params)
            parts.push(
              `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td>${p.required ? 'yes' : ''}</td><td><code>${esc(JSON.stringify(p.schema))}</code></td></tr>`,
            );
          parts.push('</table>');
        }
        const body = op.requestBody as Json | undefined;
        if (body) {
          const content = body.content as Record<string, Json>;
          for (const [media, c] of Object.entries(content))
            parts.push(
              `<p>Body (<code>${esc(media)}</code>):</p><pre>${esc(JSON.stringify(deref(doc, c.schema), null, 2))}</pre>`,
            );
        }
        const responses = op.responses as Record<string, Json>;
        parts.push(
          `<p>Answers: ${Object.entries(responses)
            .map(
              ([status, r]) =>
                `<code>${esc(status)}</code> ${esc(String((deref(doc, r) as Json).description ?? ''))}${bodyName(deref(doc, r) as Json)}`,
            )
            .join(' · ')}</p></section>`,
        );
      }
    }
  }
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  parts.push('<h2 id="schemas">Response bodies</h2>');
  for (const [name, schema] of Object.entries(schemas))
    parts.push(
      `<section class="op" id="schema-${esc(name)}"><h3><code>${esc(name)}</code></h3><pre>${esc(JSON.stringify(schema, null, 2))}</pre></section>`,
    );
  parts.push('</body></html>');
  return parts.join('\n');
}
