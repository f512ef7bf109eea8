/** Arabic texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const ar: SigninTexts = {
  title: 'تسجيل الدخول',
  why: 'اختياري: احتفظ باسمك، وعدّل تعليقاتك لاحقًا، واطّلع على ما كتبته هنا أو امسحه.',
  passkey: 'تسجيل الدخول بمفتاح مرور',
  newName: 'جديد هنا؟ اسمك',
  register: 'إنشاء مفتاح مرور',
  email: 'أو احصل على رابط بالبريد الإلكتروني',
  sendLink: 'أرسل لي رابطًا',
  linkSent: 'تفقّد بريدك: الرابط يسجّل دخولك مرة واحدة خلال 15 دقيقة.',
  with: 'تسجيل الدخول عبر {name}',
  welcome: 'تم تسجيل دخولك.',
  as: 'مسجّل الدخول باسم {name}',
  mine: 'تعليقاتي',
  out: 'تسجيل الخروج',
  outAll: 'تسجيل الخروج من كل الأجهزة',
  none: 'ليست لديك تعليقات على هذا الموقع.',
  export: 'تنزيلها (JSON)',
  erase: 'مسح كل تعليقاتي',
  confirmErase: 'هل تريد مسح كل تعليقاتك على هذا الموقع؟ لا يمكن التراجع عن ذلك.',
  erased: 'مُسحت تعليقاتك.',
  close: 'إغلاق',
};

export default ar;
