import type { Binding } from '../input/keymap';
import { useKirei } from '../store';

/** Every key that does something, as the keymap (defaults and the viewer's input.conf) has it. */
export function HelpOverlay({ keymap }: { keymap: Map<string, Binding> }) {
  const bindings = [...keymap.values()];
  return (
    <div className="help" role="dialog" aria-label="Keyboard shortcuts" data-testid="help">
      <div className="help__header">
        <h2>Keys</h2>
        <button type="button" className="button button--quiet" onClick={() => useKirei.getState().setHelpVisible(false)}>
          Close
        </button>
      </div>
      <table className="help__table">
        <tbody>
          {bindings.map((binding) => (
            <tr key={binding.key}>
              <td className="help__key">{binding.key}</td>
              <td>{binding.commandText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
