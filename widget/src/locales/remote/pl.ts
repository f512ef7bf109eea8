/** Polish texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Zobacz oryginał w serwisie {source}',
  replyOn: 'Odpowiedz w serwisie {source}',
  likes: { one: '{n} polubienie', few: '{n} polubienia', many: '{n} polubień', other: '{n} polubienia' },
  reposts: {
    one: '{n} udostępnienie',
    few: '{n} udostępnienia',
    many: '{n} udostępnień',
    other: '{n} udostępnienia',
  },
};

export default t;
