import { Icon } from './Icon';
import { useKirei } from '../store';

export function Toasts() {
  const toasts = useKirei((state) => state.toasts);
  const dismiss = useKirei((state) => state.dismissToast);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.kind}`}>
          {toast.title && <strong className="toast__title">{toast.title}</strong>}
          <span>{toast.text}</span>
          {toast.detail && (
            <details>
              <summary>Details for a bug report</summary>
              <pre>{toast.detail}</pre>
            </details>
          )}
          <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
