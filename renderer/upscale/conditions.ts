import type { ScaleCondition, Size, SizeRule } from './model';

/** Evaluates a pass's WHEN list against the output, the current image and the source. */
export function conditionsHold(conditions: ScaleCondition[], sizes: { output: Size; main: Size; native: Size }): boolean {
  return conditions.every((condition) => {
    const denominator = condition.denominator === 'MAIN' ? sizes.main : sizes.native;
    const ratios = [sizes.output.width / denominator.width, sizes.output.height / denominator.height];
    return condition.comparison === 'above'
      ? ratios.every((ratio) => ratio > condition.value)
      : ratios.every((ratio) => ratio < condition.value);
  });
}

/** mpv rounds WIDTH/HEIGHT expressions to the nearest integer and never goes below one pixel. */
export function applySizeRule(rule: SizeRule, reference: Size): Size {
  return {
    width: Math.max(1, Math.round(reference.width * rule.scale)),
    height: Math.max(1, Math.round(reference.height * rule.scale)),
  };
}
