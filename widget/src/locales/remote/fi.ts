/** Finnish texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Näytä alkuperäinen palvelussa {source}',
  replyOn: 'Vastaa palvelussa {source}',
  likes: { one: '{n} tykkäys', other: '{n} tykkäystä' },
  reposts: { one: '{n} jako', other: '{n} jakoa' },
};

export default t;
