/** Swedish texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const sv: SigninTexts = {
  title: 'Logga in',
  why: 'Frivilligt: behåll ditt namn, redigera dina kommentarer senare och se eller radera det du skrivit här.',
  passkey: 'Logga in med nyckel',
  newName: 'Ny här? Ditt namn',
  register: 'Skapa en nyckel',
  email: 'Eller få en länk via e-post',
  sendLink: 'Skicka en länk',
  linkSent: 'Titta i inkorgen: länken loggar in dig en gång, inom 15 minuter.',
  with: 'Logga in med {name}',
  welcome: 'Du är inloggad.',
  as: 'Inloggad som {name}',
  mine: 'Mina kommentarer',
  out: 'Logga ut',
  outAll: 'Logga ut överallt',
  none: 'Du har inga kommentarer på den här webbplatsen.',
  export: 'Ladda ner dem (JSON)',
  erase: 'Radera alla mina kommentarer',
  confirmErase: 'Radera alla dina kommentarer på den här webbplatsen? Det går inte att ångra.',
  erased: 'Dina kommentarer har raderats.',
  close: 'Stäng',
};

export default sv;
