import { scalerKinds, scalerLabels } from '../../electron/common/upscaling';

/** The reference scalers as options of a select. */
export function ScalerOptions() {
  return (
    <>
      {scalerKinds.map((kind) => (
        <option key={kind} value={kind}>
          {scalerLabels[kind]}
        </option>
      ))}
    </>
  );
}
