/** Hindi texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const hi: SigninTexts = {
  title: 'साइन इन करें',
  why: 'वैकल्पिक: आपका नाम बना रहेगा, आप बाद में टिप्पणियाँ बदल सकेंगे और यहाँ लिखी बातें देख या मिटा सकेंगे।',
  passkey: 'पासकी से साइन इन करें',
  newName: 'यहाँ नए हैं? आपका नाम',
  register: 'पासकी बनाएँ',
  email: 'या ईमेल पर लिंक पाएँ',
  sendLink: 'मुझे लिंक भेजें',
  linkSent: 'अपना इनबॉक्स देखें: लिंक से 15 मिनट के भीतर एक बार साइन इन होगा।',
  with: '{name} से साइन इन करें',
  welcome: 'आप साइन इन हैं।',
  as: '{name} के रूप में साइन इन',
  mine: 'मेरी टिप्पणियाँ',
  out: 'साइन आउट करें',
  outAll: 'हर जगह से साइन आउट करें',
  none: 'इस साइट पर आपकी कोई टिप्पणी नहीं है।',
  export: 'डाउनलोड करें (JSON)',
  erase: 'मेरी सारी टिप्पणियाँ मिटाएँ',
  confirmErase: 'इस साइट पर आपकी सारी टिप्पणियाँ मिटा दें? इसे वापस नहीं किया जा सकता।',
  erased: 'आपकी टिप्पणियाँ मिटा दी गईं।',
  close: 'बंद करें',
};

export default hi;
