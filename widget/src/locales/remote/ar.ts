/** Arabic texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'عرض الأصل على {source}',
  replyOn: 'الرد على {source}',
  likes: {
    zero: '{n} إعجاب',
    one: '{n} إعجاب',
    two: '{n} إعجابان',
    few: '{n} إعجابات',
    many: '{n} إعجابًا',
    other: '{n} إعجاب',
  },
  reposts: {
    zero: '{n} مشاركة',
    one: '{n} مشاركة',
    two: '{n} مشاركتان',
    few: '{n} مشاركات',
    many: '{n} مشاركةً',
    other: '{n} مشاركة',
  },
};

export default t;
