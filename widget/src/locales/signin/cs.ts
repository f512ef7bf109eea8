/** Czech texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const cs: SigninTexts = {
  title: 'Přihlásit se',
  why: 'Nepovinné: zachováte si jméno, komentáře můžete později upravit a to, co jste tu napsali, zobrazit nebo smazat.',
  passkey: 'Přihlásit se přístupovým klíčem',
  newName: 'Jste tu poprvé? Vaše jméno',
  register: 'Vytvořit přístupový klíč',
  email: 'Nebo si nechte poslat odkaz e-mailem',
  sendLink: 'Poslat odkaz',
  linkSent: 'Podívejte se do schránky: odkaz vás jednou přihlásí, do 15 minut.',
  with: 'Přihlásit se přes {name}',
  welcome: 'Jste přihlášeni.',
  as: 'Přihlášeno jako {name}',
  mine: 'Moje komentáře',
  out: 'Odhlásit se',
  outAll: 'Odhlásit se všude',
  none: 'Na tomto webu nemáte žádné komentáře.',
  export: 'Stáhnout (JSON)',
  erase: 'Smazat všechny mé komentáře',
  confirmErase: 'Smazat všechny vaše komentáře na tomto webu? Nelze to vrátit.',
  erased: 'Vaše komentáře byly smazány.',
  close: 'Zavřít',
};

export default cs;
