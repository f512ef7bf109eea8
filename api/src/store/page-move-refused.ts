/** Why a page move stops: the move cannot be done as asked (the message says why and what to do). */
export class PageMoveRefused extends Error {
  override name = 'PageMoveRefused';
}
