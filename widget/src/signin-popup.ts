/** The sign-in popup's answer (GitHub, OpenID Connect): taken only from the API's origin and from that popup. */
import type { ReaderSession } from '../../api/src/contract/reader.js';

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
