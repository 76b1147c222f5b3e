import type { Anime4kMode } from '../../electron/common/upscaling';
import { presetLabel, scalerLabels } from '../../electron/common/upscaling';
import type { Command } from '../input/commands';
import type { VideoPlayer } from '../video/videoPlayer';
import { formatTime } from './format';
import type { PlayerPorts } from './ports';
import { updateSettings } from './settingsActions';

/** What the commands act on; each part answers for its own state. */
export interface CommandTargets {
  player: Pick<VideoPlayer, 'togglePause' | 'seekTo' | 'seekBy' | 'setSpeed' | 'speed' | 'setVolume' | 'volume' | 'setMuted' | 'frameStep'> & { readonly element: Pick<HTMLVideoElement, 'paused' | 'muted' | 'duration'> };
  subtitles: { cycle(direction: 1 | -1): void; toggleVisible(): void; addDelay(seconds: number): void; addScale(step: number): void };
  audio: { cycle(direction: 1 | -1): void };
  presets: { chooseMode(mode: 'off' | 'classic' | Anime4kMode): void; chooseChain(name: string): void; cycleTier(): void };
  view: {
    setFullscreen(on: boolean): Promise<void>;
    readonly fullscreen: boolean;
    moveDivider(position: number): void;
    close(): void;
    screenshot(what: 'subtitles' | 'video' | 'window'): Promise<string | null>;
  };
  /** The media time of the newest presented frame, for frame steps. */
  latestMediaTime(): number | null;
}

/**
 * Runs the commands of mpv's key language (input.conf) and the buttons that send the same
 * commands, and says on screen what each did.
 */
export class CommandRunner {
  constructor(
    private readonly ports: PlayerPorts,
    private readonly targets: CommandTargets,
  ) {}

  run(command: Command): void {
    const state = this.ports.store.getState();
    const { player, subtitles, audio, presets, view } = this.targets;
    switch (command.name) {
      case 'cycle':
        if (command.property === 'sub') subtitles.cycle(command.direction);
        else if (command.property === 'audio') audio.cycle(command.direction);
        else if (command.property === 'sub-visibility') subtitles.toggleVisible();
        else this.cycle(command.property);
        return;
      case 'set':
        if (command.property === 'fullscreen') void view.setFullscreen(command.value);
        else state.showOsd(`Speed: ${player.setSpeed(command.value).toFixed(2)}`);
        return;
      case 'seek': {
        const duration = player.element.duration || 0;
        const target =
          command.mode === 'relative' ? player.seekBy(command.seconds) : player.seekTo(command.mode === 'absolute' ? command.seconds : (duration * command.seconds) / 100);
        state.showOsd(`${formatTime(target)} / ${formatTime(duration)}`);
        return;
      }
      case 'add':
        if (command.property === 'volume') {
          if (player.element.muted) player.setMuted(false);
          state.showOsd(`Volume: ${player.setVolume(player.volume + command.value)}%`);
        } else if (command.property === 'sub-delay') subtitles.addDelay(command.value);
        else if (command.property === 'sub-scale') subtitles.addScale(command.value);
        else if (command.property === 'speed') state.showOsd(`Speed: ${player.setSpeed(player.speed + command.value).toFixed(2)}`);
        else view.moveDivider((state.settings?.compare.position ?? 0.5) + command.value);
        return;
      case 'multiply':
        state.showOsd(`Speed: ${player.setSpeed(player.speed * command.factor).toFixed(2)}`);
        return;
      case 'frame-step':
        player.frameStep(command.direction, this.targets.latestMediaTime());
        return;
      case 'anime4k-mode':
        presets.chooseMode(command.mode);
        return;
      case 'shader-chain':
        presets.chooseChain(command.chain);
        return;
      case 'show-help':
        state.setHelpVisible(!state.helpVisible);
        return;
      case 'quit':
        view.close();
        return;
      case 'screenshot':
        void view.screenshot(command.what);
        return;
      case 'magnifier':
      case 'ignore':
        return;
    }
  }

  private cycle(property: 'pause' | 'mute' | 'fullscreen' | 'anime4k-tier' | 'compare' | 'stats'): void {
    const state = this.ports.store.getState();
    const { player, presets, view } = this.targets;
    switch (property) {
      case 'pause':
        void player.togglePause();
        state.showOsd(player.element.paused ? 'Paused' : 'Playing');
        return;
      case 'mute':
        player.setMuted(!player.element.muted);
        state.showOsd(player.element.muted ? 'Mute: yes' : 'Mute: no');
        return;
      case 'fullscreen':
        void view.setFullscreen(!view.fullscreen);
        return;
      case 'stats':
        state.toggleStats();
        return;
      case 'compare': {
        const settings = state.settings;
        if (!settings) return;
        const enabled = !settings.compare.enabled;
        void updateSettings(this.ports, { compare: { ...settings.compare, enabled } });
        const left = settings.compare.left ? presetLabel(settings.compare.left) : scalerLabels[settings.upscaling.referenceScaler];
        state.showOsd(enabled ? `Compare: ${left} | ${presetLabel(state.activePreset)}` : 'Compare: off');
        return;
      }
      case 'anime4k-tier':
        presets.cycleTier();
        return;
    }
  }
}
