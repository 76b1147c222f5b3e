import { useKirei } from '../store';

/** A file that stopped playing: what happened to which file, what to do, and the detail on request. */
export function PlaybackProblem({ problem, onBack }: { problem: { message: string; detail: string | null }; onBack: () => void }) {
  const name = useKirei((state) => state.media?.name ?? null);
  return (
    <div className="problem problem--overlay" role="alert" data-testid="playback-error">
      <p className="problem__title">{name ? `“${name}” cannot be played` : 'This file cannot be played'}</p>
      <p className="problem__message">{problem.message}</p>
      {problem.detail && (
        <details className="problem__details">
          <summary>Details for a bug report</summary>
          <pre className="problem__detail">{problem.detail}</pre>
        </details>
      )}
      <button type="button" className="button button--primary" onClick={onBack}>
        Back to the library
      </button>
    </div>
  );
}
