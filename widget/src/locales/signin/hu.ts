/** Hungarian texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const hu: SigninTexts = {
  title: 'Bejelentkezés',
  why: 'Nem kötelező: megmarad a neved, később szerkesztheted a hozzászólásaidat, és megnézheted vagy törölheted, amit itt írtál.',
  passkey: 'Bejelentkezés azonosítókulccsal',
  newName: 'Új vagy itt? A neved',
  register: 'Azonosítókulcs létrehozása',
  email: 'Vagy kérj linket e-mailben',
  sendLink: 'Link küldése',
  linkSent: 'Nézd meg a postafiókodat: a link 15 percen belül egyszer jelentkeztet be.',
  with: 'Bejelentkezés ezzel: {name}',
  welcome: 'Bejelentkeztél.',
  as: 'Bejelentkezve: {name}',
  mine: 'Hozzászólásaim',
  out: 'Kijelentkezés',
  outAll: 'Kijelentkezés mindenhonnan',
  none: 'Nincs hozzászólásod ezen az oldalon.',
  export: 'Letöltés (JSON)',
  erase: 'Minden hozzászólásom törlése',
  confirmErase: 'Törlöd az összes hozzászólásodat ezen az oldalon? Ez nem vonható vissza.',
  erased: 'A hozzászólásaidat töröltük.',
  close: 'Bezárás',
};

export default hu;
