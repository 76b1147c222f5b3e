import type { Settings } from '../../electron/common/settings';
import { toErrorShape } from '../../electron/common/errors';
import { useKirei } from '../store';

/** A folder or program the main process asks for in the system's dialog: the page only shows it and asks. */
export function PathRow({ label, value, automatic, choose, reset }: { label: string; value: string | null; automatic: string; choose: () => Promise<Settings>; reset: () => Promise<Settings> }) {
  const run = (action: () => Promise<Settings>) => {
    action()
      .then((settings) => useKirei.getState().setSettings(settings))
      .catch((error: unknown) => {
        const shape = toErrorShape(error);
        useKirei.getState().pushToast({ kind: 'error', title: `${label} not changed`, text: shape.message, detail: shape.detail });
      });
  };
  return (
    <div className="settings__row settings__row--path">
      <span>{label}</span>
      <span className="settings__path" title={value ?? automatic} data-testid={`path-${label}`}>
        {value ?? automatic}
      </span>
      <span className="settings__path-actions">
        <button type="button" className="button button--small" onClick={() => run(choose)}>
          Choose…
        </button>
        {value !== null && (
          <button type="button" className="button button--small" onClick={() => run(reset)}>
            Default
          </button>
        )}
      </span>
    </div>
  );
}
