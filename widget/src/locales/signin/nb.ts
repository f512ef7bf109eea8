/** Norwegian (Bokmål) texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const nb: SigninTexts = {
  title: 'Logg inn',
  why: 'Valgfritt: behold navnet ditt, rediger kommentarene dine senere, og se eller slett det du har skrevet her.',
  passkey: 'Logg inn med passnøkkel',
  newName: 'Ny her? Navnet ditt',
  register: 'Opprett en passnøkkel',
  email: 'Eller få en lenke på e-post',
  sendLink: 'Send meg en lenke',
  linkSent: 'Sjekk innboksen: lenken logger deg inn én gang, innen 15 minutter.',
  with: 'Logg inn med {name}',
  welcome: 'Du er logget inn.',
  as: 'Logget inn som {name}',
  mine: 'Mine kommentarer',
  out: 'Logg ut',
  outAll: 'Logg ut overalt',
  none: 'Du har ingen kommentarer på dette nettstedet.',
  export: 'Last dem ned (JSON)',
  erase: 'Slett alle kommentarene mine',
  confirmErase: 'Slette alle kommentarene dine på dette nettstedet? Dette kan ikke angres.',
  erased: 'Kommentarene dine er slettet.',
  close: 'Lukk',
};

export default nb;
