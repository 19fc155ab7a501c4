import { Button } from './Button.tsx';

/**
 * One arrow of a keyboard-reorderable row ("Move Intro earlier"). It stays focusable when the move
 * cannot apply (aria-disabled, not disabled): a row that just reached the top keeps focus on its
 * "up" arrow instead of dropping it to the document. `id` lets focus follow the row once it moved.
 */
export function MoveButton({
  id,
  label,
  symbol,
  possible,
  onMove,
}: {
  id: string;
  label: string;
  symbol: string;
  possible: boolean;
  onMove: () => void;
}) {
  return (
    <Button
      id={id}
      variant="secondary"
      className="px-2 py-0.5 aria-disabled:cursor-not-allowed aria-disabled:opacity-40"
      aria-label={label}
      aria-disabled={!possible}
      onClick={() => possible && onMove()}
    >
      <span aria-hidden="true">{symbol}</span>
    </Button>
  );
}
