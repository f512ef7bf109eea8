/** Spanish texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const es: SigninTexts = {
  title: 'Iniciar sesión',
  why: 'Opcional: conserve su nombre, edite sus comentarios más tarde y vea o borre lo que escribió aquí.',
  passkey: 'Iniciar sesión con una llave de acceso',
  newName: '¿Es nuevo? Su nombre',
  register: 'Crear una llave de acceso',
  email: 'O recibir un enlace por correo',
  sendLink: 'Enviarme un enlace',
  linkSent: 'Revise su bandeja de entrada: el enlace inicia sesión una vez, en 15 minutos.',
  with: 'Iniciar sesión con {name}',
  welcome: 'Ha iniciado sesión.',
  as: 'Sesión iniciada como {name}',
  mine: 'Mis comentarios',
  out: 'Cerrar sesión',
  outAll: 'Cerrar sesión en todas partes',
  none: 'No tiene comentarios en este sitio.',
  export: 'Descargarlos (JSON)',
  erase: 'Borrar todos mis comentarios',
  confirmErase: '¿Borrar todos sus comentarios en este sitio? No se puede deshacer.',
  erased: 'Sus comentarios se borraron.',
  close: 'Cerrar',
};

export default es;
