import { describe, expect, it } from 'vitest';
import { buildKeymap, defaultInputConf, parseInputConf } from '../../../../renderer/input/keymap';
import type { CommandTargets } from '../../../../renderer/player/commands';
import { CommandRunner } from '../../../../renderer/player/commands';
import { fakePorts } from './fakePorts';

/** Targets that record what they were asked, with a player that behaves like the real one's numbers. */
function targets() {
  const calls: string[] = [];
  const element = { paused: false, muted: false, duration: 1440 };
  let volume = 100;
  let speed = 1;
  let fullscreen = false;
  const parts: CommandTargets = {
    player: {
      element,
      togglePause: () => {
        element.paused = !element.paused;
        return Promise.resolve();
      },
      seekTo: (seconds: number) => seconds,
      seekBy: (seconds: number) => 600 + seconds,
      setSpeed: (value: number) => (speed = Math.min(4, Math.max(0.25, value))),
      get speed() {
        return speed;
      },
      setVolume: (value: number) => (volume = Math.min(100, Math.max(0, value))),
      get volume() {
        return volume;
      },
      setMuted: (muted: boolean) => {
        element.muted = muted;
      },
      frameStep: (direction: 1 | -1, from: number | null) => calls.push(`frame-step ${direction} from ${from}`),
    },
    subtitles: {
      cycle: (direction) => calls.push(`subtitles cycle ${direction}`),
      toggleVisible: () => calls.push('subtitles toggle'),
      addDelay: (seconds) => calls.push(`subtitles delay ${seconds}`),
      addScale: (step) => calls.push(`subtitles scale ${step}`),
    },
    audio: { cycle: (direction) => calls.push(`audio cycle ${direction}`) },
    presets: { chooseMode: (mode) => calls.push(`mode ${mode}`), chooseChain: (name) => calls.push(`chain ${name}`), cycleTier: () => calls.push('tier') },
    view: {
      setFullscreen: (on) => {
        fullscreen = on;
        return Promise.resolve();
      },
      get fullscreen() {
        return fullscreen;
      },
      moveDivider: (position) => calls.push(`divider ${position.toFixed(2)}`),
      close: () => calls.push('close'),
      screenshot: (what) => {
        calls.push(`screenshot ${what}`);
        return Promise.resolve(null);
      },
    },
    latestMediaTime: () => 12.5,
  };
  return { parts, calls, element, isFullscreen: () => fullscreen };
}

describe('the command runner', () => {
  it('runs the default keys’ commands and says what each did', () => {
    const ports = fakePorts();
    const { parts, calls, element, isFullscreen } = targets();
    const runner = new CommandRunner(ports, parts);
    const keymap = buildKeymap(parseInputConf(defaultInputConf).bindings, []);
    const press = (key: string) => {
      const binding = keymap.get(key);
      if (!binding) throw new Error(`no default binding for ${key}`);
      runner.run(binding.command);
    };
    press('SPACE');
    expect(element.paused).toBe(true);
    press('RIGHT');
    press('9');
    press('m');
    press('f');
    expect(isFullscreen()).toBe(true);
    press('j');
    press('SHARP');
    press('z');
    press('.');
    press('Ctrl+1');
    press('s');
    expect(ports.store.getState().osdLog).toEqual(['Paused', '10:05 / 24:00', 'Volume: 98%', 'Mute: yes']);
    expect(calls).toEqual(['subtitles cycle 1', 'audio cycle 1', 'subtitles delay -0.1', 'frame-step 1 from 12.5', 'mode A', 'screenshot subtitles']);
  });

  it('turns compare on through the settings service and names both sides', async () => {
    const ports = fakePorts();
    const { parts } = targets();
    const runner = new CommandRunner(ports, parts);
    runner.run({ name: 'cycle', property: 'compare' });
    expect(ports.patches).toEqual([{ compare: { enabled: true, position: 0.5, left: null } }]);
    await Promise.resolve();
    await Promise.resolve();
    expect(ports.store.getState().settings?.compare.enabled).toBe(true);
    expect(ports.store.getState().osdLog.at(-1)).toMatch(/^Compare: .+ \| Off$/);
  });

  it('moves the divider from where it is, and shows the help and the readout', () => {
    const ports = fakePorts();
    const { parts, calls } = targets();
    const runner = new CommandRunner(ports, parts);
    runner.run({ name: 'add', property: 'compare-position', value: -0.05 });
    runner.run({ name: 'show-help' });
    runner.run({ name: 'cycle', property: 'stats' });
    runner.run({ name: 'quit' });
    runner.run({ name: 'ignore' });
    expect(calls).toEqual(['divider 0.45', 'close']);
    expect(ports.store.getState()).toMatchObject({ helpVisible: true, statsVisible: true });
  });
});
