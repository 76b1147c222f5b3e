import { useKirei } from '../store';

export function Toasts() {
  const toasts = useKirei((state) => state.toasts);
  const dismiss = useKirei((state) => state.dismissToast);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.kind}`}>
          <span>{toast.text}</span>
          {toast.detail && <details><summary>Details</summary><pre>{toast.detail}</pre></details>}
          <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
