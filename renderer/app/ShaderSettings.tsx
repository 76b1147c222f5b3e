import { useEffect, useState } from 'react';
import { toErrorShape } from '../../electron/common/errors';
import type { Settings } from '../../electron/common/settings';
import type { ShaderChain, ShaderFolderListing } from '../../electron/common/shaders';
import { maximumChainFiles } from '../../electron/common/shaders';
import type { ShaderSummary } from '../player/facades';
import { summarizeShader } from '../player/facades';
import { updateSettings } from '../player/settingsActions';
import { useKirei } from '../store';
import { ChainEditor } from './ChainEditor';
import type { ChainDraft } from './ChainEditor';
import { PathRow } from './PathRow';
import { ShaderParameters } from './ShaderParameters';
import { usePorts } from './ports';

/** Files read at a time to say what they do: one chain's worth, as the main process allows. */
const readBatch = maximumChainFiles;

/** The folder's files and what each says of itself; read again when the folder changes or the viewer asks. */
function useShaderFolder(folder: string | null, generation: number) {
  const ports = usePorts();
  const [listing, setListing] = useState<ShaderFolderListing | null>(null);
  const [summaries, setSummaries] = useState<Map<string, ShaderSummary>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const found = await ports.bridge.shaders.list();
        if (cancelled) return;
        setListing(found);
        setSummaries(new Map());
        setProblem(null);
        const readable = found.files.filter((file) => file.problem === null).map((file) => file.name);
        for (let start = 0; start < readable.length && !cancelled; start += readBatch) {
          const texts = await ports.bridge.shaders.read({ names: readable.slice(start, start + readBatch) });
          if (cancelled) return;
          setSummaries((previous) => {
            const next = new Map(previous);
            for (const file of texts) next.set(file.name, summarizeShader(file.name, file.text));
            return next;
          });
        }
      } catch (error) {
        if (!cancelled) setProblem(toErrorShape(error).message);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [ports, folder, generation]);
  return { listing, summaries, problem };
}

function fileNote(summary: ShaderSummary | undefined, webgl2: boolean): { text: string; problem: string | null } {
  if (!summary) return { text: 'Reading…', problem: null };
  if (summary.problem) return { text: '', problem: summary.problem };
  const passes = `${summary.passes} pass${summary.passes === 1 ? '' : 'es'} at ${summary.hooks.join(', ')}`;
  if (summary.compute && webgl2) return { text: passes, problem: 'Needs WebGPU (compute passes); choose WebGPU under Upscaling' };
  return { text: `${passes}${summary.compute ? ' · compute (WebGPU)' : ''}${summary.parameters.length > 0 ? ` · ${summary.parameters.length} parameter${summary.parameters.length === 1 ? '' : 's'}` : ''}`, problem: null };
}

function FileList({
  listing,
  summaries,
  draft,
  settings,
  onAdd,
}: {
  listing: ShaderFolderListing;
  summaries: Map<string, ShaderSummary>;
  draft: ChainDraft | null;
  settings: Settings;
  onAdd: (name: string) => void;
}) {
  const webgl2 = useKirei((state) => state.stage?.backend === 'webgl2');
  if (!listing.exists) return <p className="settings__hint">This folder does not exist. Put your mpv shader files (.glsl, .hook) there, or choose the folder you keep them in.</p>;
  if (listing.files.length === 0) return <p className="settings__hint">No shader files (.glsl, .hook) in this folder.</p>;
  return (
    <ul className="shaders__files" aria-label="Shader files" data-testid="shader-files">
      {listing.files.map((file) => {
        const summary = summaries.get(file.name);
        const note = file.problem ? { text: '', problem: file.problem } : fileNote(summary, webgl2);
        const full = (draft?.files.length ?? 0) >= maximumChainFiles;
        return (
          <li key={file.name} className="shaders__file" data-name={file.name}>
            <div className="shaders__file-text">
              <span className="shaders__file-name" title={file.name}>
                {file.name}
              </span>
              {summary && summary.descriptions.length > 0 && (
                <span className="shaders__file-description" title={summary.descriptions.join('\n')}>
                  {summary.descriptions.slice(0, 2).join(' · ')}
                  {summary.descriptions.length > 2 ? ` · +${summary.descriptions.length - 2} more` : ''}
                </span>
              )}
              {note.text && <span className="settings__hint">{note.text}</span>}
              {note.problem && <span className="shaders__problem">{note.problem}</span>}
              {summary && summary.parameters.length > 0 && !summary.problem && <ShaderParameters file={file.name} parameters={summary.parameters} settings={settings} />}
            </div>
            <button type="button" className="button button--small" aria-label={`Add ${file.name} to the chain`} disabled={full || file.problem !== null || Boolean(summary?.problem)} onClick={() => onAdd(file.name)}>
              {draft ? 'Add' : 'New chain'}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Rules and series that named a chain follow it to its new name; a deleted chain's uses fall back as a missing one does. */
function renamed(settings: Settings, from: string, to: string): Settings['upscaling'] {
  const rename = <T extends { kind: string }>(preset: T): T => (preset.kind === 'shaders' && 'chain' in preset && preset.chain === from ? { ...preset, chain: to } : preset);
  const { upscaling } = settings;
  return {
    ...upscaling,
    rules: upscaling.rules.map((rule) => ({ ...rule, preset: rename(rule.preset) })),
    seriesOverrides: Object.fromEntries(Object.entries(upscaling.seriesOverrides).map(([key, preset]) => [key, rename(preset)])),
  };
}

function ChainList({ chains, onEdit, onDelete }: { chains: ShaderChain[]; onEdit: (chain: ShaderChain) => void; onDelete: (chain: ShaderChain) => void }) {
  if (chains.length === 0) return <p className="settings__hint">No chains yet. Start one from a file below, or import your mpv keys.</p>;
  return (
    <ul className="shaders__chains" aria-label="Shader chains">
      {chains.map((chain) => (
        <li key={chain.name} className="shaders__chain">
          <div className="shaders__file-text">
            <span className="shaders__file-name">{chain.name}</span>
            <span className="settings__hint" title={chain.files.join('\n')}>
              {chain.files.map((file) => file.split('/').at(-1)).join(' → ')}
            </span>
          </div>
          <span className="settings__path-actions">
            <button type="button" className="button button--small" aria-label={`Edit ${chain.name}`} onClick={() => onEdit(chain)}>
              Edit
            </button>
            <button type="button" className="button button--small button--quiet" aria-label={`Delete ${chain.name}`} onClick={() => onDelete(chain)}>
              Delete
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Settings → Shaders: the viewer's mpv shaders folder, its files with what they say they do, and
 * chains of them saved by name — each then a preset like Kirei's own modes (the upscaling menu,
 * the rules, a series, a key).
 */
export function ShaderSettings({ settings }: { settings: Settings }) {
  const ports = usePorts();
  const [generation, setGeneration] = useState(0);
  const { listing, summaries, problem } = useShaderFolder(settings.shaderFolder, generation);
  const [draft, setDraft] = useState<ChainDraft | null>(null);
  const chains = settings.shaders.chains;

  const saveChains = (next: ShaderChain[], upscaling?: Settings['upscaling']) => void updateSettings(ports, { shaders: { chains: next }, ...(upscaling ? { upscaling } : {}) });
  const importConfig = () => {
    ports.bridge.shaders
      .importMpvConfig()
      .then((result) => {
        if (!result) return;
        useKirei.getState().setSettings(result.settings);
        const what = `${result.chains.length} chain${result.chains.length === 1 ? '' : 's'} and ${result.keys} key${result.keys === 1 ? '' : 's'}`;
        useKirei.getState().pushToast({
          kind: result.skipped.length > 0 ? 'warning' : 'info',
          text: result.chains.length > 0 ? `Imported ${what} from mpv.` : 'That file has no shader lists to import.',
          ...(result.skipped.length > 0 ? { detail: `Not imported:\n${result.skipped.join('\n')}` } : {}),
        });
      })
      .catch((error: unknown) => {
        const shape = toErrorShape(error);
        useKirei.getState().pushToast({ kind: 'error', title: 'Nothing imported', text: shape.message, detail: shape.detail });
      });
  };

  return (
    <section className="settings__section" aria-labelledby="settings-shaders">
      <h3 id="settings-shaders">Shaders</h3>
      <p className="settings__hint">Your mpv shader files (Anime4K, ArtCNN, RAVU, FSRCNNX…), chained in the order mpv would run them. A saved chain is chosen like a mode: in the player’s upscaling menu, in the rules above, for a series, or by a key.</p>
      <PathRow
        label="Shaders folder"
        value={settings.shaderFolder}
        automatic={listing ? `mpv’s: ${listing.folder}` : 'mpv’s own'}
        choose={() => ports.bridge.shaders.chooseFolder()}
        reset={() => ports.bridge.settings.resetPath({ which: 'shaderFolder' })}
      />
      <div className="settings__buttons">
        <button type="button" className="button button--small" onClick={importConfig} title="Reads the change-list glsl-shaders lines of an input.conf, or glsl-shaders= of an mpv.conf">
          Import from mpv…
        </button>
        <button type="button" className="button button--small" onClick={() => setGeneration((value) => value + 1)}>
          Look again
        </button>
      </div>
      {problem && (
        <p className="shaders__problem" role="alert">
          {problem}
        </p>
      )}
      <p className="settings__row-title">Chains</p>
      <ChainList
        chains={chains}
        onEdit={(chain) => setDraft({ original: chain.name, name: chain.name, files: [...chain.files] })}
        onDelete={(chain) => saveChains(chains.filter((other) => other.name !== chain.name))}
      />
      {draft && (
        <ChainEditor
          draft={draft}
          taken={chains.map((chain) => chain.name).filter((name) => name !== draft.original)}
          onChange={setDraft}
          onCancel={() => setDraft(null)}
          onSave={(chain) => {
            const original = draft.original;
            const next = original === null ? [...chains, chain] : chains.map((other) => (other.name === original ? chain : other));
            saveChains(next, original !== null && original !== chain.name ? renamed(settings, original, chain.name) : undefined);
            setDraft(null);
          }}
        />
      )}
      <p className="settings__row-title">Files{listing ? ` (${listing.files.length})` : ''}</p>
      {listing && <FileList listing={listing} summaries={summaries} draft={draft} settings={settings} onAdd={(name) => setDraft((current) => (current ? { ...current, files: [...current.files, name] } : { original: null, name: '', files: [name] }))} />}
      {listing && listing.skipped.length > 0 && <p className="settings__hint">Not listed: {listing.skipped.join('; ')}</p>}
    </section>
  );
}
