import * as Tooltip from '@radix-ui/react-tooltip';
import type { ReactElement } from 'react';

/**
 * A tooltip for a control: what it does and its key. Shown on hover and on keyboard focus,
 * placed where it fits inside the window.
 */
export function Tip({ text, keys, children }: { text: string; keys?: string | undefined; children: ReactElement }) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" side="top" sideOffset={8} collisionPadding={8}>
          {text}
          {keys && <kbd className="tooltip__keys">{keys}</kbd>}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
