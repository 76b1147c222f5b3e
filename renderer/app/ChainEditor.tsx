import type { ShaderChain } from '../../electron/common/shaders';
import { chainNameSchema } from '../../electron/common/shaders';

/** A chain being built or edited: its files in the order they run. */
export interface ChainDraft {
  /** The name it was saved under; null for a new chain. */
  original: string | null;
  name: string;
  files: string[];
}

/** Why the draft cannot be saved yet, in words; null when it can. */
function draftProblem(draft: ChainDraft, taken: string[]): string | null {
  const name = draft.name.trim();
  if (!chainNameSchema.safeParse(name).success) return 'Give the chain a name (up to 80 characters).';
  if (taken.includes(name)) return `A chain named “${name}” exists already.`;
  if (draft.files.length === 0) return 'Add at least one shader file.';
  return null;
}

/** Builds a chain by ordering files: added from the list below, moved up and down, removed. */
export function ChainEditor({
  draft,
  taken,
  onChange,
  onCancel,
  onSave,
}: {
  draft: ChainDraft;
  taken: string[];
  onChange: (draft: ChainDraft) => void;
  onCancel: () => void;
  onSave: (chain: ShaderChain) => void;
}) {
  const problem = draftProblem(draft, taken);
  const move = (index: number, by: number) => {
    const files = [...draft.files];
    const [file] = files.splice(index, 1);
    if (file === undefined) return;
    files.splice(index + by, 0, file);
    onChange({ ...draft, files });
  };
  return (
    <div className="shaders__editor" role="group" aria-label={draft.original ? `Editing ${draft.original}` : 'New chain'}>
      <label className="settings__row">
        <span>Chain name</span>
        <input type="text" aria-label="Chain name" value={draft.name} maxLength={80} placeholder="e.g. ArtCNN + sharpen" onChange={(event) => onChange({ ...draft, name: event.target.value })} />
      </label>
      <ol className="shaders__order" aria-label="Files in the order they run">
        {draft.files.map((file, index) => (
          <li key={`${index}-${file}`} className="shaders__order-item">
            <span className="shaders__file-name" title={file}>
              {index + 1}. {file}
            </span>
            <span className="settings__path-actions">
              <button type="button" className="button button--small button--quiet" aria-label={`Move ${file} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="button button--small button--quiet" aria-label={`Move ${file} down`} disabled={index === draft.files.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" className="button button--small button--quiet" aria-label={`Remove ${file}`} onClick={() => onChange({ ...draft, files: draft.files.filter((_, at) => at !== index) })}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      {draft.files.length === 0 && <p className="settings__hint">Add files from the list below; they run in this order, as in mpv’s glsl-shaders list.</p>}
      {problem && draft.name.trim() !== '' && <p className="shaders__problem">{problem}</p>}
      <div className="settings__buttons">
        <button type="button" className="button button--small" disabled={problem !== null} onClick={() => onSave({ name: draft.name.trim(), files: draft.files })}>
          Save chain
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
