/** Italian texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const it: SigninTexts = {
  title: 'Accedi',
  why: 'Facoltativo: mantieni il tuo nome, modifica i tuoi commenti in seguito, vedi o cancella ciò che hai scritto qui.',
  passkey: 'Accedi con una passkey',
  newName: 'Nuovo? Il tuo nome',
  register: 'Crea una passkey',
  email: 'Oppure ricevi un link via email',
  sendLink: 'Inviami un link',
  linkSent: 'Controlla la posta: il link ti fa accedere una volta, entro 15 minuti.',
  with: 'Accedi con {name}',
  welcome: 'Hai effettuato l’accesso.',
  as: 'Accesso come {name}',
  mine: 'I miei commenti',
  out: 'Esci',
  outAll: 'Esci ovunque',
  none: 'Non hai commenti su questo sito.',
  export: 'Scaricali (JSON)',
  erase: 'Cancella tutti i miei commenti',
  confirmErase: 'Cancellare tutti i tuoi commenti su questo sito? Non si può annullare.',
  erased: 'I tuoi commenti sono stati cancellati.',
  close: 'Chiudi',
};

export default it;
