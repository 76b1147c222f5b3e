import { useState } from 'react';
import type { Settings } from '../../electron/common/settings';
import type { ShaderSummary } from '../player/facades';
import { updateSettings } from '../player/settingsActions';
import { usePorts } from './ports';

type Parameter = ShaderSummary['parameters'][number];

/** The slider's ends: the file's own range, or around the default where the file gives none. */
function range(parameter: Parameter): { minimum: number; maximum: number; step: number } {
  const minimum = parameter.minimum ?? Math.min(0, parameter.value);
  const maximum = parameter.maximum ?? Math.max(minimum + 1, parameter.value * 2, parameter.value + 1);
  return { minimum, maximum, step: parameter.type === 'float' ? (maximum - minimum) / 100 : 1 };
}

function ParameterSlider({ file, parameter, value, onCommit }: { file: string; parameter: Parameter; value: number; onCommit: (value: number) => void }) {
  const [moving, setMoving] = useState<number | null>(null);
  const { minimum, maximum, step } = range(parameter);
  const shown = moving ?? value;
  const commit = () => {
    if (moving !== null && moving !== value) onCommit(moving);
    setMoving(null);
  };
  return (
    <label className="shaders__parameter" title={parameter.description ?? parameter.name}>
      <span className="shaders__parameter-name">{parameter.description ?? parameter.name}</span>
      <input
        type="range"
        aria-label={`${parameter.name} of ${file}`}
        min={minimum}
        max={maximum}
        step={step}
        value={shown}
        onChange={(event) => setMoving(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output className="shaders__parameter-value">{parameter.type === 'float' ? shown.toFixed(2) : shown}</output>
    </label>
  );
}

/**
 * A file's //!PARAM settings as sliders within the file's own ranges. A change is saved when the
 * slider is let go, and every chain with the file is built again with it.
 */
export function ShaderParameters({ file, parameters, settings }: { file: string; parameters: Parameter[]; settings: Settings }) {
  const ports = usePorts();
  const chosen = settings.shaderParameters[file] ?? {};
  const save = (values: Record<string, number>) => {
    const { [file]: _previous, ...others } = settings.shaderParameters;
    void updateSettings(ports, { shaderParameters: Object.keys(values).length > 0 ? { ...others, [file]: values } : others });
  };
  return (
    <details className="shaders__parameters">
      <summary>Parameters ({parameters.length})</summary>
      {parameters.map((parameter) => (
        <ParameterSlider key={parameter.name} file={file} parameter={parameter} value={chosen[parameter.name] ?? parameter.value} onCommit={(value) => save({ ...chosen, [parameter.name]: value })} />
      ))}
      {Object.keys(chosen).length > 0 && (
        <button type="button" className="button button--small button--quiet" onClick={() => save({})}>
          Back to the file’s defaults
        </button>
      )}
    </details>
  );
}
