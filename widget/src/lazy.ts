/** The widget's lazy chunks beside the embed script: `write.js` (writing, acting on comments) and `permalink.js`. */
import type { Component } from 'preact';
import { base, type Fail, type Options } from './api.js';
import type { App } from './app.js';

type Write = typeof import('./write.js');
type Lazy = { write: typeof import('./write.js'); permalink: typeof import('./permalink.js') };
const chunks: Partial<Record<keyof Lazy, Promise<unknown>>> = {};

/** Loads a chunk once; a failed load reads as a network failure and is tried again next time. */
export function lazy<K extends keyof Lazy>(o: Options, name: K): Promise<Lazy[K]> {
  chunks[name] ??= import(/* @vite-ignore */ new URL(`${name}.js`, base(o)).href).catch(() => {
    chunks[name] = undefined;
    throw { code: 'network' } satisfies Fail;
  });
  return chunks[name] as Promise<Lazy[K]>;
}

/** Runs one of write.js's actions for a form or comment, showing its failure there. */
export function act(on: Component<object, { err: string }>, app: App, f: (w: Write) => Promise<unknown>) {
  return lazy(app.props.o, 'write')
    .then(f)
    .catch(async (e) => on.setState({ err: await app.explain(e) }));
}
