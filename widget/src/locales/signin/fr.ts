/** French texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const fr: SigninTexts = {
  title: 'Se connecter',
  why: 'Facultatif : gardez votre nom, modifiez vos commentaires plus tard, voyez ou effacez ce que vous avez écrit ici.',
  passkey: 'Se connecter avec une clé d’accès',
  newName: 'Nouveau ? Votre nom',
  register: 'Créer une clé d’accès',
  email: 'Ou recevoir un lien par e-mail',
  sendLink: 'M’envoyer un lien',
  linkSent: 'Consultez votre boîte de réception : le lien vous connecte une fois, dans les 15 minutes.',
  with: 'Se connecter avec {name}',
  welcome: 'Vous êtes connecté.',
  as: 'Connecté en tant que {name}',
  mine: 'Mes commentaires',
  out: 'Se déconnecter',
  outAll: 'Se déconnecter partout',
  none: 'Vous n’avez aucun commentaire sur ce site.',
  export: 'Les télécharger (JSON)',
  erase: 'Effacer tous mes commentaires',
  confirmErase: 'Effacer tous vos commentaires sur ce site ? C’est irréversible.',
  erased: 'Vos commentaires ont été effacés.',
  close: 'Fermer',
};

export default fr;
