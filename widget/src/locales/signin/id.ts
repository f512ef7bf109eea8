/** Indonesian texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const id: SigninTexts = {
  title: 'Masuk',
  why: 'Opsional: nama Anda tersimpan, komentar dapat diubah nanti, dan tulisan Anda di sini dapat dilihat atau dihapus.',
  passkey: 'Masuk dengan kunci sandi',
  newName: 'Baru di sini? Nama Anda',
  register: 'Buat kunci sandi',
  email: 'Atau dapatkan tautan lewat email',
  sendLink: 'Kirimi saya tautan',
  linkSent: 'Periksa kotak masuk Anda: tautan ini membuat Anda masuk satu kali, dalam 15 menit.',
  with: 'Masuk dengan {name}',
  welcome: 'Anda sudah masuk.',
  as: 'Masuk sebagai {name}',
  mine: 'Komentar saya',
  out: 'Keluar',
  outAll: 'Keluar dari semua perangkat',
  none: 'Anda belum punya komentar di situs ini.',
  export: 'Unduh (JSON)',
  erase: 'Hapus semua komentar saya',
  confirmErase: 'Hapus semua komentar Anda di situs ini? Tindakan ini tidak dapat dibatalkan.',
  erased: 'Komentar Anda telah dihapus.',
  close: 'Tutup',
};

export default id;
