/** Danish texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const da: SigninTexts = {
  title: 'Log ind',
  why: 'Frivilligt: behold dit navn, redigér dine kommentarer senere, og se eller slet det, du har skrevet her.',
  passkey: 'Log ind med en adgangsnøgle',
  newName: 'Ny her? Dit navn',
  register: 'Opret en adgangsnøgle',
  email: 'Eller få et link på e-mail',
  sendLink: 'Send mig et link',
  linkSent: 'Tjek din indbakke: linket logger dig ind én gang inden for 15 minutter.',
  with: 'Log ind med {name}',
  welcome: 'Du er logget ind.',
  as: 'Logget ind som {name}',
  mine: 'Mine kommentarer',
  out: 'Log ud',
  outAll: 'Log ud overalt',
  none: 'Du har ingen kommentarer på dette websted.',
  export: 'Download dem (JSON)',
  erase: 'Slet alle mine kommentarer',
  confirmErase: 'Slet alle dine kommentarer på dette websted? Det kan ikke fortrydes.',
  erased: 'Dine kommentarer er slettet.',
  close: 'Luk',
};

export default da;
