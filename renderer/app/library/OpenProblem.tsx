import { useKirei } from '../../store';
import { Icon } from '../Icon';
import { openFailureTitle } from '../../player/opening';

/** Why the last file did not open: which file, what happened, what to do; the detail on request. */
export function OpenProblem() {
  const error = useKirei((state) => state.openError);
  if (!error) return null;
  return (
    <div className="problem problem--banner" role="alert" data-testid="open-problem">
      <div className="problem__body">
        <p className="problem__title">{openFailureTitle(error)}</p>
        <p className="problem__message">{error.message}</p>
        {error.detail && (
          <details className="problem__details">
            <summary>Details for a bug report</summary>
            <pre className="problem__detail">{error.detail}</pre>
          </details>
        )}
      </div>
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => useKirei.getState().setOpenError(null)}>
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
