/** Hebrew texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const he: SigninTexts = {
  title: 'התחברות',
  why: 'לא חובה: השם שלך יישמר, אפשר לערוך תגובות מאוחר יותר ולראות או למחוק את מה שכתבת כאן.',
  passkey: 'התחברות עם מפתח גישה',
  newName: 'חדשים כאן? השם שלך',
  register: 'יצירת מפתח גישה',
  email: 'או קבלת קישור בדוא״ל',
  sendLink: 'שליחת קישור',
  linkSent: 'בדקו את תיבת הדואר: הקישור מחבר אותך פעם אחת, תוך 15 דקות.',
  with: 'התחברות עם {name}',
  welcome: 'התחברת בהצלחה.',
  as: 'התחברת בתור {name}',
  mine: 'התגובות שלי',
  out: 'התנתקות',
  outAll: 'התנתקות מכל המכשירים',
  none: 'אין לך תגובות באתר זה.',
  export: 'הורדה (JSON)',
  erase: 'מחיקת כל התגובות שלי',
  confirmErase: 'למחוק את כל התגובות שלך באתר זה? אי אפשר לבטל את זה.',
  erased: 'התגובות שלך נמחקו.',
  close: 'סגירה',
};

export default he;
