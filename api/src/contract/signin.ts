/** Request schemas of moderators' sign-in beyond the password: email links, passkeys, sessions, the site's passkey rule. */
import { type } from 'arktype';
import { SiteId } from './requests.js';

const text = (max: number) => type.string.atMostLength(max);
const b64url = (max: number) => type(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`));

/** Any `local@host` address, as the password login takes it. */
const Email = type(/^[^\s@]{1,128}@[^\s@]{1,125}$/);

export const AdminLinkRequest = type({ email: Email });
/** The token of a sign-in link (from the fragment of the admin page's address). */
export const AdminLinkUse = type({ token: b64url(100) });

/** A browser's WebAuthn answer as @simplewebauthn/browser sends it (checked in full by the server library). */
const Answer = type({
  id: b64url(1400),
  rawId: b64url(1400),
  type: "'public-key'",
  response: 'object',
  'clientExtensionResults?': 'object',
  'authenticatorAttachment?': text(40),
});

export const PasskeyAnswer = type({ attempt: b64url(100), response: Answer });
export const PasskeyRegister = type({
  attempt: b64url(100),
  response: Answer,
  'name?': text(60),
});

export const PasskeyParam = type({ id: b64url(1400) });
export const SessionParam = type({ ref: b64url(40) });
export const SiteModeratorParam = type({ site: SiteId, email: Email });
export const SiteSecurityBody = type({ requirePasskey: 'boolean' });

export type PasskeyAnswerBody = typeof PasskeyAnswer.infer;
