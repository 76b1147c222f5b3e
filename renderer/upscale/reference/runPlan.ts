import type { Plan } from '../planner';
import type { FloatImage } from './image';
import { roundToHalf } from './image';
import { runProgram } from './programs';

export interface CpuRunOptions {
  /** Round every intermediate to half floats, as RGBA16F textures store them. */
  halfFloatStorage?: boolean;
  /** Called after each pass, for tests that compare single stages. */
  onPass?: (index: number, image: FloatImage) => void;
}

/** Runs a plan on the CPU in float32: the reference the GPU backends are tested against. */
export function runPlanOnCpu(plan: Plan, source: FloatImage, options: CpuRunOptions = {}): FloatImage {
  const images = new Map<number, FloatImage>([[0, source]]);
  plan.passes.forEach((pass, index) => {
    const inputs = pass.inputs.map((input) => {
      const image = images.get(input.id);
      if (!image) throw new Error(`texture ${input.id} has not been computed`);
      return image;
    });
    let result = runProgram(pass.definition.program, inputs, pass.output);
    if (options.halfFloatStorage) result = roundToHalf(result);
    images.set(pass.output.id, result);
    options.onPass?.(index, result);
  });
  const result = images.get(plan.result.id);
  if (!result) throw new Error('the plan has no result');
  return result;
}
