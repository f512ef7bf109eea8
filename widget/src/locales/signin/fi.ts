/** Finnish texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const fi: SigninTexts = {
  title: 'Kirjaudu sisään',
  why: 'Vapaaehtoista: nimesi säilyy, voit muokata kommenttejasi myöhemmin ja nähdä tai poistaa kaiken, mitä olet täällä kirjoittanut.',
  passkey: 'Kirjaudu pääsyavaimella',
  newName: 'Uusi täällä? Nimesi',
  register: 'Luo pääsyavain',
  email: 'Tai tilaa linkki sähköpostiin',
  sendLink: 'Lähetä linkki',
  linkSent: 'Katso sähköpostisi: linkillä kirjaudut kerran, 15 minuutin sisällä.',
  with: 'Kirjaudu palvelulla {name}',
  welcome: 'Olet kirjautunut sisään.',
  as: 'Kirjautuneena: {name}',
  mine: 'Omat kommentit',
  out: 'Kirjaudu ulos',
  outAll: 'Kirjaudu ulos kaikkialta',
  none: 'Sinulla ei ole kommentteja tällä sivustolla.',
  export: 'Lataa ne (JSON)',
  erase: 'Poista kaikki kommenttini',
  confirmErase: 'Poistetaanko kaikki kommenttisi tältä sivustolta? Tätä ei voi perua.',
  erased: 'Kommenttisi on poistettu.',
  close: 'Sulje',
};

export default fi;
