/** Romanian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Vedeți originalul pe {source}',
  replyOn: 'Răspundeți pe {source}',
  likes: { one: '{n} apreciere', few: '{n} aprecieri', other: '{n} de aprecieri' },
  reposts: { one: '{n} redistribuire', few: '{n} redistribuiri', other: '{n} de redistribuiri' },
};

export default t;
