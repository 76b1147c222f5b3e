import { describeBindings } from '../input/keyHelp';
import type { Binding } from '../input/keymap';
import { useKirei } from '../store';
import { Icon } from './Icon';

/**
 * Every key that does something, grouped by task in plain words, as the keymap (defaults and the
 * viewer's input.conf) has it. It does not take focus: the keys it lists keep working while it
 * shows, and `?` or Esc close it.
 */
export function HelpOverlay({ keymap }: { keymap: Map<string, Binding> }) {
  const groups = describeBindings(keymap.values());
  const close = () => useKirei.getState().setHelpVisible(false);
  return (
    <div className="help" role="region" aria-label="Keyboard shortcuts" data-testid="help">
      <header className="panel__header">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="control" aria-label="Close (Esc)" onClick={close}>
          <Icon name="close" />
        </button>
      </header>
      <div className="help__groups">
        {groups.map(({ group, entries }) => (
          <section key={group} className="help__group" aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {entries.map((entry) => (
                <div key={entry.text} className="help__entry">
                  <dt>
                    {entry.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </dt>
                  <dd>{entry.text}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="panel__hint">Keys can be changed in Settings → Keys, in mpv’s input.conf wording.</p>
    </div>
  );
}
