/**
 * The `fetch` the OAuth client uses: each request goes through the outbound guard (https to public
 * addresses, checked on the address connected to; plain http and loopback only for allow-listed hosts),
 * no redirect followed, answers size- and time-limited.
 */
import { OutboundRefused, sendOutbound } from '../outbound.js';

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
  return async (raw: string, init: FetchInit = {}): Promise<Response> => {
    const res = await sendOutbound(
      raw,
      {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init.headers as HeadersInit | undefined)),
        body: bodyOf(init.body),
      },
      { ...options, ...(init.signal ? { signal: init.signal } : {}) },
    );
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const status = res.status >= 200 && res.status <= 599 ? res.status : 502;
    const empty = status === 204 || status === 304;
    return new Response(empty ? null : new Uint8Array(res.body), { status, headers });
  };
}
