/** Polish texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const pl: SigninTexts = {
  title: 'Zaloguj się',
  why: 'Nieobowiązkowe: zachowasz swoje imię, później poprawisz komentarze, a to, co tu napiszesz, zobaczysz lub usuniesz.',
  passkey: 'Zaloguj się kluczem dostępu',
  newName: 'Jesteś tu pierwszy raz? Twoje imię',
  register: 'Utwórz klucz dostępu',
  email: 'Albo otrzymaj link e-mailem',
  sendLink: 'Wyślij link',
  linkSent: 'Sprawdź skrzynkę: link zaloguje Cię jednorazowo w ciągu 15 minut.',
  with: 'Zaloguj się przez {name}',
  welcome: 'Zalogowano.',
  as: 'Zalogowano jako {name}',
  mine: 'Moje komentarze',
  out: 'Wyloguj się',
  outAll: 'Wyloguj się wszędzie',
  none: 'Nie masz komentarzy na tej witrynie.',
  export: 'Pobierz je (JSON)',
  erase: 'Usuń wszystkie moje komentarze',
  confirmErase: 'Usunąć wszystkie Twoje komentarze na tej witrynie? Tego nie da się cofnąć.',
  erased: 'Twoje komentarze zostały usunięte.',
  close: 'Zamknij',
};

export default pl;
