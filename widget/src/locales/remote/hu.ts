/** Hungarian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Eredeti megtekintése itt: {source}',
  replyOn: 'Válasz itt: {source}',
  likes: { one: '{n} kedvelés', other: '{n} kedvelés' },
  reposts: { one: '{n} megosztás', other: '{n} megosztás' },
};

export default t;
