/**
 * The `fetch` the OAuth client uses: each request goes through the outbound guard (https to public
 * addresses, checked on the address connected to; plain http and loopback only for allow-listed hosts),
 * no redirect followed, answers size- and time-limited.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { allowed, checkTarget, OutboundRefused, publicLookup } from '../outbound.js';

export interface OAuthFetchOptions {
  allow: readonly string[];
  timeoutMs: number;
  maxBytes: number;
}

type FetchInit = {
  method?: string;
  headers?: Record<string, string> | Headers | [string, string][];
  body?: unknown;
  signal?: AbortSignal | null;
};

function bodyOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  throw new OutboundRefused('an OAuth request body must be text or a form');
}

/** A fetch over node:http(s) that only reaches what the outbound guard lets through. */
export function oauthFetch(options: OAuthFetchOptions) {
  return (raw: string, init: FetchInit = {}): Promise<Response> => {
    const url = checkTarget(raw, options.allow);
    const listed = allowed(url, options.allow);
    const headers = new Headers(init.headers as HeadersInit | undefined);
    const body = bodyOf(init.body);
    if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(init.signal ? [init.signal] : [])];
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers),
          signal: AbortSignal.any(signals),
          ...(listed ? {} : { lookup: publicLookup }),
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > options.maxBytes) {
              req.destroy(new OutboundRefused(`the answer is larger than ${options.maxBytes} bytes`));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => {
            const out = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : v);
            const status = res.statusCode ?? 502;
            const nobody = status === 204 || status === 304;
            resolve(new Response(nobody ? null : Buffer.concat(chunks), { status, headers: out }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
