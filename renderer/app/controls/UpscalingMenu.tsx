import type { UpscalePreset, UpscaleTier } from '../../../electron/common/upscaling';
import { anime4kModes, modeDescriptions, presetKey, presetLabel, shortPresetLabel, tierDescriptions, tierLabels } from '../../../electron/common/upscaling';
import { tiersOf } from '../../player/facades';
import { useKirei } from '../../store';
import { updateSettings } from '../../player/settingsActions';
import { Icon } from '../Icon';
import { ControlMenu, MenuAction, MenuChoice, MenuChoices, MenuLabel, MenuSeparator } from './ControlMenu';
import { usePorts } from '../ports';

type ModeKey = 'auto' | 'off' | 'classic' | (typeof anime4kModes)[number] | `chain:${string}`;

/** A few words beside each choice; the whole sentence is its tooltip and in the settings. */
const modeNotes: Record<Exclude<ModeKey, 'auto' | `chain:${string}`>, string> = {
  off: 'plain scaler',
  classic: 'light, quick',
  A: 'blurry 1080p',
  B: 'soft 720p',
  C: '480p, noisy',
  'A+A': 'stronger A',
  'B+B': 'stronger B',
  'C+A': 'C, then A',
};
const tierNotes: Record<UpscaleTier, string> = { fast: 'weaker GPUs', hq: 'recommended', ultra: 'strong GPUs' };

function modeKey(preset: UpscalePreset | null): ModeKey {
  if (!preset) return 'auto';
  if (preset.kind === 'shaders') return `chain:${preset.chain}`;
  return preset.kind === 'cnn' ? preset.mode : preset.kind;
}

/** Keeps the viewer's pick for every episode of the series, or forgets the kept one. */
function SeriesChoice({ onChoose }: { onChoose: (preset: UpscalePreset | null) => void }) {
  const ports = usePorts();
  const manual = useKirei((state) => state.manualPreset);
  const series = useKirei((state) => state.media?.series ?? null);
  const upscaling = useKirei((state) => state.settings?.upscaling);
  if (!series || !upscaling) return null;
  const saved = upscaling.seriesOverrides[series.key];
  const save = (overrides: typeof upscaling.seriesOverrides) => void updateSettings(ports, { upscaling: { ...upscaling, seriesOverrides: overrides } });
  if (manual && (!saved || presetKey(saved) !== presetKey(manual))) {
    return (
      <>
        <MenuSeparator />
        <MenuAction
          label={`Keep ${shortPresetLabel(manual)} for ${series.title}`}
          onSelect={() => {
            save({ ...upscaling.seriesOverrides, [series.key]: manual });
            onChoose(null);
          }}
        />
      </>
    );
  }
  if (!saved) return null;
  return (
    <>
      <MenuSeparator />
      <MenuAction
        label={`Forget ${shortPresetLabel(saved)} for ${series.title}`}
        onSelect={() => {
          const { [series.key]: _forgotten, ...rest } = upscaling.seriesOverrides;
          save(rest);
          onChoose(null);
        }}
      />
    </>
  );
}

/**
 * Upscaling on the bar: automatic (the rules, the series' setting, the measured tier) or a mode
 * and a quality for this session, each said in plain words.
 */
export function UpscalingMenu({ onChoose }: { onChoose: (preset: UpscalePreset | null) => void }) {
  const manual = useKirei((state) => state.manualPreset);
  const active = useKirei((state) => state.activePreset);
  const reason = useKirei((state) => state.presetReason);
  const shown = manual ?? active;
  const chains = useKirei((state) => state.settings?.shaders.chains ?? []);
  const tiers = shown.kind === 'cnn' ? tiersOf(shown.mode) : [];

  const chooseMode = (key: string) => {
    if (key === 'auto') return onChoose(null);
    if (key === 'off' || key === 'classic') return onChoose({ kind: key });
    if (key.startsWith('chain:')) return onChoose({ kind: 'shaders', chain: key.slice('chain:'.length) });
    const mode = anime4kModes.find((candidate) => candidate === key);
    if (!mode) return;
    const available = tiersOf(mode);
    const tier: UpscaleTier = shown.kind === 'cnn' && available.includes(shown.tier) ? shown.tier : 'hq';
    onChoose({ kind: 'cnn', mode, tier });
  };
  const chooseTier = (key: string) => {
    const tier = tiers.find((candidate) => candidate === key);
    if (shown.kind === 'cnn' && tier) onChoose({ kind: 'cnn', mode: shown.mode, tier });
  };

  return (
    <ControlMenu
      label={`Upscaling: ${presetLabel(active)}`}
      keys="Ctrl+0…8"
      id="upscaling-menu"
      triggerClass="control control--chip"
      trigger={
        <>
          <Icon name="sparkle" size={18} />
          <span className="control__chip-text">{shortPresetLabel(active)}</span>
        </>
      }
    >
      <MenuLabel>Upscaling</MenuLabel>
      <MenuChoices label="Mode" value={modeKey(manual)} onChange={chooseMode}>
        <MenuChoice value="auto" label="Automatic" detail={manual ? undefined : reason || undefined} />
        <MenuChoice value="off" label="Off" note={modeNotes.off} hint={modeDescriptions.off} />
        <MenuChoice value="classic" label="Classic" note={modeNotes.classic} hint={modeDescriptions.classic} />
        {anime4kModes.map((mode) => (
          <MenuChoice key={mode} value={mode} label={`Mode ${mode}`} note={modeNotes[mode]} hint={modeDescriptions[mode]} />
        ))}
        {chains.length > 0 && <MenuLabel>Your mpv shaders</MenuLabel>}
        {chains.map((chain) => (
          <MenuChoice
            key={`chain:${chain.name}`}
            value={`chain:${chain.name}`}
            label={chain.name}
            note={`${chain.files.length} shader${chain.files.length === 1 ? '' : 's'}`}
            hint={`Your mpv shaders: ${chain.files.join(' → ')}`}
          />
        ))}
      </MenuChoices>
      {tiers.length > 1 && (
        <>
          <MenuSeparator />
          <MenuLabel>Quality</MenuLabel>
          <MenuChoices label="Quality" value={shown.kind === 'cnn' ? shown.tier : ''} onChange={chooseTier}>
            {tiers.map((tier) => (
              <MenuChoice key={tier} value={tier} label={tierLabels[tier]} note={tierNotes[tier]} hint={tierDescriptions[tier]} />
            ))}
          </MenuChoices>
        </>
      )}
      <SeriesChoice onChoose={onChoose} />
    </ControlMenu>
  );
}
