/** Hindi texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: '{source} पर मूल देखें',
  replyOn: '{source} पर जवाब दें',
  likes: { one: '{n} लाइक', other: '{n} लाइक' },
  reposts: { one: '{n} रीपोस्ट', other: '{n} रीपोस्ट' },
};

export default t;
