/** What the app is built from: configuration, storage, the platform's view of the client, a clock. */
import type { Context } from 'hono';
import type { Config } from './config.js';
import type { Store } from './store/index.js';

export interface Deps {
  config: Config;
  store: Store;
  /** The client's IP as the platform saw it (never from a header anyone can send). */
  clientIp: (c: Context) => string;
  now: () => Date;
  /**
   * Milliseconds this request may still run: the Lambda's remaining time, or effectively unbounded on
   * Node. Long operations (import and export pages) stop early and hand back a cursor.
   */
  remainingMs: (c: Context) => number;
}
