import type { MouseEvent } from 'react';
import { focusHome } from '../focus';
import type { IconName } from '../Icon';
import { Icon } from '../Icon';
import { Tip } from './Tip';

/**
 * A round icon button of the player's bars, named for screen readers and explained by a tooltip.
 * A mouse click hands focus back to the player, so Space and the other keys act on playback next.
 */
export function IconButton({
  icon,
  label,
  keys,
  pressed,
  onClick,
  testId,
}: {
  icon: IconName;
  label: string;
  keys?: string;
  pressed?: boolean;
  onClick: () => void;
  testId?: string;
}) {
  const click = (event: MouseEvent<HTMLButtonElement>) => {
    onClick();
    // detail is 0 for a click made with the keyboard: keyboard users keep their place.
    if (event.detail > 0) focusHome();
  };
  return (
    <Tip text={label} keys={keys}>
      <button
        type="button"
        className={`control${pressed ? ' control--on' : ''}`}
        aria-label={label}
        aria-pressed={pressed}
        data-testid={testId}
        onClick={click}
      >
        <Icon name={icon} />
      </button>
    </Tip>
  );
}
