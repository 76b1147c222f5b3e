import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';
import { useKirei } from '../../store';
import { focusHome } from '../focus';
import { Icon } from '../Icon';
import { Tip } from './Tip';

/**
 * A menu of the player's bar: opened by its button, read and picked with mouse or keys, placed
 * where it fits (above the bar, inside the window, scrolling when the window is short). Closing
 * it hands focus back to the player so that its keys work at once. Not modal: a modal menu locks
 * page scrolling with an inline style sheet, which the page's content policy forbids.
 */
export function ControlMenu({
  id,
  label,
  keys,
  trigger,
  triggerClass = 'control',
  children,
}: {
  /** Names the menu for tests and for the bar, which stays while a menu is open (the label changes with the choice). */
  id: string;
  label: string;
  keys?: string;
  trigger: ReactNode;
  triggerClass?: string;
  children: ReactNode;
}) {
  return (
    <DropdownMenu.Root modal={false} onOpenChange={(open) => useKirei.getState().setMenuOpen(id, open)}>
      <Tip text={label} keys={keys}>
        <DropdownMenu.Trigger asChild>
          <button type="button" className={triggerClass} aria-label={label} data-testid={id}>
            {trigger}
          </button>
        </DropdownMenu.Trigger>
      </Tip>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu"
          side="top"
          align="end"
          sideOffset={10}
          collisionPadding={8}
          loop
          aria-label={label}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            focusHome();
          }}
        >
          {children}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** A heading inside a menu. */
export function MenuLabel({ children }: { children: ReactNode }) {
  return <DropdownMenu.Label className="menu__label">{children}</DropdownMenu.Label>;
}

export function MenuSeparator() {
  return <DropdownMenu.Separator className="menu__separator" />;
}

/**
 * One choice of a radio group: a check mark shows the current one; `note` is a few words at the
 * right, `detail` a second line (what automatic chose now), `hint` the whole sentence as a tooltip.
 */
export function MenuChoice({
  value,
  label,
  note,
  detail,
  hint,
  disabled,
}: {
  value: string;
  label: string;
  note?: string | undefined;
  detail?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
}) {
  return (
    <DropdownMenu.RadioItem className="menu__item" value={value} disabled={disabled ?? false} title={hint}>
      <span className="menu__check">
        <DropdownMenu.ItemIndicator>
          <Icon name="check" size={16} />
        </DropdownMenu.ItemIndicator>
      </span>
      <span className="menu__text">
        <span className="menu__main">{label}</span>
        {detail && <span className="menu__detail">{detail}</span>}
      </span>
      {note && <span className="menu__value">{note}</span>}
    </DropdownMenu.RadioItem>
  );
}

export function MenuChoices({ value, onChange, children, label }: { value: string; onChange: (value: string) => void; children: ReactNode; label: string }) {
  return (
    <DropdownMenu.RadioGroup value={value} onValueChange={onChange} aria-label={label}>
      {children}
    </DropdownMenu.RadioGroup>
  );
}

/** A plain action; `keys` shows its key at the right, as desktop menus do. */
export function MenuAction({ label, keys, onSelect, disabled }: { label: string; keys?: string; onSelect: () => void; disabled?: boolean }) {
  return (
    <DropdownMenu.Item className="menu__item" onSelect={onSelect} disabled={disabled ?? false}>
      <span className="menu__check" />
      <span className="menu__text">
        <span className="menu__main">{label}</span>
      </span>
      {keys && <kbd className="menu__keys">{keys}</kbd>}
    </DropdownMenu.Item>
  );
}

export function MenuToggle({ label, keys, checked, onChange }: { label: string; keys?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <DropdownMenu.CheckboxItem className="menu__item" checked={checked} onCheckedChange={onChange}>
      <span className="menu__check">
        <DropdownMenu.ItemIndicator>
          <Icon name="check" size={16} />
        </DropdownMenu.ItemIndicator>
      </span>
      <span className="menu__text">
        <span className="menu__main">{label}</span>
      </span>
      {keys && <kbd className="menu__keys">{keys}</kbd>}
    </DropdownMenu.CheckboxItem>
  );
}

/** A submenu: its trigger shows the current value; its list opens beside it. */
export function Submenu({ label, value, children }: { label: string; value: string; children: ReactNode }) {
  return (
    <DropdownMenu.Sub>
      <DropdownMenu.SubTrigger className="menu__item">
        <span className="menu__check" />
        <span className="menu__text">
          <span className="menu__main">{label}</span>
        </span>
        <span className="menu__value">{value}</span>
        <Icon name="chevron" size={16} />
      </DropdownMenu.SubTrigger>
      <DropdownMenu.Portal>
        <DropdownMenu.SubContent className="menu" sideOffset={4} collisionPadding={8} loop aria-label={label}>
          {children}
        </DropdownMenu.SubContent>
      </DropdownMenu.Portal>
    </DropdownMenu.Sub>
  );
}
