/**
 * Signing in with a provider (GitHub, OpenID Connect) in a popup: its answer is taken only from the API's origin
 * and from that popup; where a provider's Cross-Origin-Opener-Policy cuts the popup off (no message can come),
 * the handoff: a random secret of the widget's own, its SHA-256 in the start URL, the outcome asked for with it.
 */
import type { ReaderSession } from '../../api/src/contract/reader.js';
import { call, enc, type Fail, type Options } from './api.js';

export interface PopupAnswer {
  type: 'afterword-signin';
  session?: ReaderSession;
  error?: string;
}

/** The answer a `message` event carries, when it comes from the popup `popup` on the API origin; else undefined. */
export function accept(e: MessageEvent, api: string, popup: Window | null): PopupAnswer | undefined {
  const d = e.data as Partial<PopupAnswer> | null;
  if (!popup || e.source !== popup || e.origin !== new URL(api).origin) return;
  return d && typeof d === 'object' && d.type === 'afterword-signin' ? (d as PopupAnswer) : undefined;
}

export interface Handoff {
  secret: string;
  hash: string;
}

const b64 = (a: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(a)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A secret (32 random bytes) and its SHA-256, made before the click (the popup opens at once); none outside a secure context. */
export async function handoff(): Promise<Handoff | undefined> {
  if (!crypto.subtle) return;
  const secret = b64(crypto.getRandomValues(new Uint8Array(32)));
  return { secret, hash: b64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))) };
}

/** How often, and how long, the handoff is asked after (the API keeps an attempt 10 minutes). */
export const POLL_MS = 2000;
const GIVE_UP_MS = 10 * 60_000;

/**
 * Opens the provider's popup; resolves with its answer (a session or an error code), or with neither when
 * the reader closed it (no handoff to wait for) or 10 minutes passed.
 */
export function withProvider(o: Options, provider: string, h: Handoff | undefined): Promise<PopupAnswer> {
  const url =
    `${o.api}/api/v1/reader/oauth/start?site=${enc(o.site)}&provider=${enc(provider)}` +
    `&origin=${enc(location.origin)}${h ? `&handoff=${h.hash}` : ''}`;
  const popup = window.open(url, 'afterword-signin', 'popup,width=520,height=680');
  const until = Date.now() + GIVE_UP_MS;
  return new Promise((resolve) => {
    let over = false;
    const end = (a: PopupAnswer) => {
      if (over) return;
      over = true;
      removeEventListener('message', on);
      resolve(a);
    };
    const on = (e: MessageEvent) => {
      const a = accept(e, o.api, popup);
      if (a) end(a);
    };
    addEventListener('message', on);
    const poll = async () => {
      if (over) return;
      // Without a handoff a closed popup is a cancelled sign-in (with one, `closed` may read true at once).
      if (Date.now() > until || (!h && (!popup || popup.closed))) return end({ type: 'afterword-signin' });
      if (h) {
        const r = await call<Partial<ReaderSession>>(o, '/reader/oauth/handoff', 'POST', {
          site: o.site,
          secret: h.secret,
        }).catch((f: Fail) => (f.code === 'network' ? {} : f));
        if ('token' in r) return end({ type: 'afterword-signin', session: r as ReaderSession });
        if ('code' in r) return end({ type: 'afterword-signin', error: String(r.code) });
      }
      setTimeout(poll, POLL_MS);
    };
    setTimeout(poll, POLL_MS);
  });
}
