/** Request schemas of readers' passkeys: a registration's or sign-in's start, and the authenticator's answer. */
import { type } from 'arktype';
import { SiteId } from './requests.js';
import { PasskeyAnswer } from './signin.js';

/** `name`: a new account's display name (a signed-in reader's registration ignores it). */
export const ReaderPasskeyBegin = type({ site: SiteId, 'name?': type.string.atMostLength(80) });
export const ReaderPasskeyAnswer = PasskeyAnswer.and({ site: SiteId });
