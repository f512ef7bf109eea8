/** Brazilian Portuguese texts of the sign-in panel and "my comments" (signin.js). */
import type { SigninTexts } from '../../signin-texts.js';

const ptBR: SigninTexts = {
  title: 'Entrar',
  why: 'Opcional: mantenha seu nome, edite seus comentários depois e veja ou apague o que escreveu aqui.',
  passkey: 'Entrar com uma chave de acesso',
  newName: 'Novo por aqui? Seu nome',
  register: 'Criar uma chave de acesso',
  email: 'Ou receber um link por e-mail',
  sendLink: 'Enviar um link',
  linkSent: 'Confira sua caixa de entrada: o link faz você entrar uma vez, em até 15 minutos.',
  with: 'Entrar com {name}',
  welcome: 'Você entrou.',
  as: 'Conectado como {name}',
  mine: 'Meus comentários',
  out: 'Sair',
  outAll: 'Sair em todos os lugares',
  none: 'Você não tem comentários neste site.',
  export: 'Baixá-los (JSON)',
  erase: 'Apagar todos os meus comentários',
  confirmErase: 'Apagar todos os seus comentários neste site? Isso não pode ser desfeito.',
  erased: 'Seus comentários foram apagados.',
  close: 'Fechar',
};

export default ptBR;
