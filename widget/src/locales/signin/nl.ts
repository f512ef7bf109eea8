/** Dutch texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const nl: SigninTexts = {
  title: 'Inloggen',
  why: 'Optioneel: houd je naam, bewerk je reacties later en bekijk of wis wat je hier schreef.',
  passkey: 'Inloggen met een passkey',
  newName: 'Nieuw hier? Je naam',
  register: 'Passkey aanmaken',
  email: 'Of ontvang een link per e-mail',
  sendLink: 'Stuur me een link',
  linkSent: 'Kijk in je inbox: de link logt je één keer in, binnen 15 minuten.',
  with: 'Inloggen met {name}',
  welcome: 'Je bent ingelogd.',
  as: 'Ingelogd als {name}',
  mine: 'Mijn reacties',
  out: 'Uitloggen',
  outAll: 'Overal uitloggen',
  none: 'Je hebt geen reacties op deze site.',
  export: 'Downloaden (JSON)',
  erase: 'Al mijn reacties wissen',
  confirmErase: 'Al je reacties op deze site wissen? Dit kan niet ongedaan worden gemaakt.',
  erased: 'Je reacties zijn gewist.',
  close: 'Sluiten',
};

export default nl;
