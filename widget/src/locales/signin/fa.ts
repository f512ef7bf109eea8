/** Persian texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const fa: SigninTexts = {
  title: 'ورود',
  why: 'اختیاری: نامتان حفظ می‌شود، بعداً می‌توانید دیدگاه‌هایتان را ویرایش کنید و آنچه اینجا نوشته‌اید را ببینید یا پاک کنید.',
  passkey: 'ورود با گذرکلید',
  newName: 'تازه آمده‌اید؟ نام شما',
  register: 'ساختن گذرکلید',
  email: 'یا دریافت پیوند با ایمیل',
  sendLink: 'پیوند را بفرست',
  linkSent: 'صندوق ایمیل خود را ببینید: پیوند یک بار و تا ۱۵ دقیقه شما را وارد می‌کند.',
  with: 'ورود با {name}',
  welcome: 'وارد شدید.',
  as: 'وارد‌شده با نام {name}',
  mine: 'دیدگاه‌های من',
  out: 'خروج',
  outAll: 'خروج از همه‌جا',
  none: 'شما در این سایت دیدگاهی ندارید.',
  export: 'دریافت آن‌ها (JSON)',
  erase: 'پاک کردن همهٔ دیدگاه‌هایم',
  confirmErase: 'همهٔ دیدگاه‌های شما در این سایت پاک شود؟ این کار برگشت‌پذیر نیست.',
  erased: 'دیدگاه‌های شما پاک شد.',
  close: 'بستن',
};

export default fa;
