/** The widget's lazy chunks beside the embed script: `write.js` (writing, acting on comments), `permalink.js`, `signin.js`, `help.js`, `remote.js`, `reactions.js`, `live.js`. */
import type { Component } from 'preact';
import { base, type Fail, type Options } from './api.js';
import type { App } from './app.js';

type Lazy = {
  write: typeof import('./write.js');
  permalink: typeof import('./permalink.js');
  signin: typeof import('./signin.js');
  remote: typeof import('./remote.js');
  help: typeof import('./help.js');
  reactions: typeof import('./reactions.js');
  live: typeof import('./live.js');
};
const chunks: Partial<Record<keyof Lazy, Promise<unknown>>> = {};

/** Loads a chunk once; a failed load reads as a network failure and is tried again next time. */
export function lazy<K extends keyof Lazy>(o: Options, name: K): Promise<Lazy[K]> {
  chunks[name] ??= import(/* @vite-ignore */ new URL(`${name}.js`, base(o)).href).catch(() => {
    chunks[name] = undefined;
    throw { code: 'network' } satisfies Fail;
  });
  return chunks[name] as Promise<Lazy[K]>;
}

/** Runs one of write.js's actions (or another chunk's) for a form or comment, showing its failure there. */
export function act<K extends keyof Lazy = 'write'>(
  on: Component<object, { err: string }>,
  app: App,
  f: (m: Lazy[K]) => unknown,
  name = 'write' as K,
) {
  return lazy(app.props.o, name)
    .then(f)
    .catch(async (e) => on.setState({ err: await app.explain(e) }));
}
