import type { ScalerKind } from '../../../electron/common/upscaling';
import { scalerKinds, scalerLabels } from '../../../electron/common/upscaling';
import { useKirei } from '../../store';
import { Icon } from '../Icon';
import { ControlMenu, MenuAction, MenuChoice, MenuChoices, MenuSeparator, MenuToggle, Submenu } from './ControlMenu';

const speeds = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** What the menu asks of the player. */
export interface MoreActions {
  setSpeed(speed: number): void;
  setScaler(scaler: ScalerKind): void;
  toggleReadout(): void;
  screenshot(): void;
  showKeys(): void;
  showSettings(): void;
}

/** The bar's secondary controls: speed, the final scaler, the readout, screenshots, keys, settings. */
export function MoreMenu({ actions }: { actions: MoreActions }) {
  const speed = useKirei((state) => state.speed);
  const scaler = useKirei((state) => state.settings?.upscaling.scaler ?? 'catmull-rom');
  const readout = useKirei((state) => state.statsVisible);
  const speedText = `${Number(speed.toFixed(2))}×`;
  return (
    <ControlMenu label="More: speed, scaler, readout, settings" id="more-menu" trigger={<Icon name="settings" />}>
      <Submenu label="Speed" value={speedText}>
        <MenuChoices label="Speed" value={String(speed)} onChange={(value) => actions.setSpeed(Number(value))}>
          {!speeds.includes(speed) && <MenuChoice value={String(speed)} label={speedText} />}
          {speeds.map((option) => (
            <MenuChoice key={option} value={String(option)} label={`${option}×`} note={option === 1 ? 'normal' : undefined} />
          ))}
        </MenuChoices>
      </Submenu>
      <Submenu label="Final scaler" value={scalerLabels[scaler]}>
        <MenuChoices label="Final scaler" value={scaler} onChange={(value) => actions.setScaler(scalerKinds.find((kind) => kind === value) ?? 'catmull-rom')}>
          {scalerKinds.map((kind) => (
            <MenuChoice key={kind} value={kind} label={scalerLabels[kind]} />
          ))}
        </MenuChoices>
      </Submenu>
      <MenuSeparator />
      <MenuToggle label="Frame-time readout" keys="I" checked={readout} onChange={() => actions.toggleReadout()} />
      <MenuAction label="Screenshot" keys="S" onSelect={() => actions.screenshot()} />
      <MenuAction label="Keyboard shortcuts" keys="?" onSelect={() => actions.showKeys()} />
      <MenuAction label="Settings…" onSelect={() => actions.showSettings()} />
    </ControlMenu>
  );
}
