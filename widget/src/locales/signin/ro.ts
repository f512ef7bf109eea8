/** Romanian texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const ro: SigninTexts = {
  title: 'Conectare',
  why: 'Opțional: vă păstrați numele, vă puteți edita comentariile mai târziu și puteți vedea sau șterge ce ați scris aici.',
  passkey: 'Conectați-vă cu o cheie de acces',
  newName: 'Sunteți nou aici? Numele dvs.',
  register: 'Creați o cheie de acces',
  email: 'Sau primiți un link pe e-mail',
  sendLink: 'Trimiteți-mi un link',
  linkSent: 'Verificați-vă căsuța de e-mail: linkul vă conectează o singură dată, în 15 minute.',
  with: 'Conectați-vă cu {name}',
  welcome: 'Sunteți conectat.',
  as: 'Conectat ca {name}',
  mine: 'Comentariile mele',
  out: 'Deconectare',
  outAll: 'Deconectare de peste tot',
  none: 'Nu aveți comentarii pe acest site.',
  export: 'Descărcați-le (JSON)',
  erase: 'Ștergeți toate comentariile mele',
  confirmErase: 'Ștergeți toate comentariile dvs. de pe acest site? Acțiunea nu poate fi anulată.',
  erased: 'Comentariile dvs. au fost șterse.',
  close: 'Închideți',
};

export default ro;
