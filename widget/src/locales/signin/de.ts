/** German texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const de: SigninTexts = {
  title: 'Anmelden',
  why: 'Freiwillig: Ihr Name bleibt erhalten, Sie können Ihre Kommentare später bearbeiten und sehen oder löschen, was Sie hier geschrieben haben.',
  passkey: 'Mit Passkey anmelden',
  newName: 'Neu hier? Ihr Name',
  register: 'Passkey erstellen',
  email: 'Oder einen Link per E-Mail erhalten',
  sendLink: 'Link senden',
  linkSent: 'Sehen Sie in Ihr Postfach: Der Link meldet Sie einmal an, innerhalb von 15 Minuten.',
  with: 'Mit {name} anmelden',
  welcome: 'Sie sind angemeldet.',
  as: 'Angemeldet als {name}',
  mine: 'Meine Kommentare',
  out: 'Abmelden',
  outAll: 'Überall abmelden',
  none: 'Sie haben auf dieser Website keine Kommentare.',
  export: 'Herunterladen (JSON)',
  erase: 'Alle meine Kommentare löschen',
  confirmErase: 'Alle Ihre Kommentare auf dieser Website löschen? Das lässt sich nicht rückgängig machen.',
  erased: 'Ihre Kommentare wurden gelöscht.',
  close: 'Schließen',
};

export default de;
