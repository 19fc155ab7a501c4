import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * dnd-kit's keyboard sensor moves a picked-up card 25 px per arrow key by default; on a board a
 * person means "the next column", so ←/→ jump by one column and ↑/↓ keep the default step.
 */
export const columnJumpCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (event.code === 'ArrowDown') return { ...currentCoordinates, y: currentCoordinates.y + 25 };
  if (event.code === 'ArrowUp') return { ...currentCoordinates, y: currentCoordinates.y - 25 };
  const { collisionRect, droppableRects } = context;
  if (step === 0 || !collisionRect) return undefined;
  const lefts = [...droppableRects.values()].map((rect) => rect.left).sort((a, b) => a - b);
  const centre = collisionRect.left + collisionRect.width / 2;
  const current = lefts.findLastIndex((left) => left <= centre);
  const target = lefts[current + step];
  if (target === undefined || current === -1) return undefined;
  event.preventDefault();
  return { ...currentCoordinates, x: currentCoordinates.x + (target - (lefts[current] ?? target)) };
};
