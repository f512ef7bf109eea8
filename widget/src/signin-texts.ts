/** signin.js's texts: English here, other languages in `locales/signin-<lang>.js` beside the embed. */
import { base } from './api.js';
import type { App } from './app.js';

export const EN = {
  title: 'Sign in',
  why: 'Optional: keep your name, edit your comments later, and see or erase what you wrote here.',
  passkey: 'Sign in with a passkey',
  newName: 'New here? Your name',
  register: 'Create a passkey',
  email: 'Or get a link by email',
  sendLink: 'Send me a link',
  linkSent: 'Check your inbox: the link signs you in once, within 15 minutes.',
  with: 'Sign in with {name}',
  welcome: 'You are signed in.',
  as: 'Signed in as {name}',
  mine: 'My comments',
  out: 'Sign out',
  outAll: 'Sign out everywhere',
  none: 'You have no comments on this site.',
  export: 'Download them (JSON)',
  erase: 'Erase all my comments',
  confirmErase: 'Erase all your comments on this site? This cannot be undone.',
  erased: 'Your comments were erased.',
  close: 'Close',
};
export type SigninTexts = typeof EN;

let loaded: Promise<SigninTexts> | undefined;

/** The texts in the thread's language: English at once, others from their file beside the embed. */
export function texts(app: App): Promise<SigninTexts> {
  const lang = app.props.t.lang;
  loaded ??= lang
    ? import(/* @vite-ignore */ new URL(`locales/signin-${lang}.js`, base(app.props.o)).href).then(
        (m: { default: SigninTexts }) => ({ ...EN, ...m.default }),
        () => {
          loaded = undefined;
          return EN;
        },
      )
    : Promise.resolve(EN);
  return loaded;
}
