/**
 * WebGPU's experimental subgroup matrices (tensor cores on NVIDIA) with 8-bit integer operands:
 * whether the device has them in the shape the convolutions use, and how its compiler spells them.
 */

/** How the browser spells the load and store (the extension's syntax changed once). */
export type MatrixSyntax = 'template' | 'argument';

export interface IntegerMatrices {
  syntax: MatrixSyntax;
}

/** The feature, as Chromium names it while it is experimental. */
export const subgroupMatrixFeature = 'chromium-experimental-subgroup-matrix';

/** The one shape asked for: 16 × 32 signed bytes by 32 × 8 into 32-bit sums. */
export const matrixShape = { rows: 16, depth: 32, columns: 8 } as const;

interface MatrixConfiguration {
  componentType: string;
  resultComponentType: string;
  M: number;
  N: number;
  K: number;
}

/**
 * Whether the adapter multiplies matrices of signed bytes in the shape above, in subgroups of
 * exactly 32 (the kernels lay each subgroup's rows out for 32 invocations), and which syntax compiles. Null
 * when it does not.
 */
export async function probeIntegerMatrices(adapter: GPUAdapter, device: GPUDevice): Promise<IntegerMatrices | null> {
  if (!device.features.has(subgroupMatrixFeature) || !device.features.has('subgroups')) return null;
  const info = adapter.info as GPUAdapterInfo & { subgroupMatrixConfigs?: readonly MatrixConfiguration[]; subgroupMinSize?: number; subgroupMaxSize?: number };
  if (info.subgroupMinSize !== 32 || info.subgroupMaxSize !== 32) return null;
  const configurations = info.subgroupMatrixConfigs ?? [];
  const { rows, depth, columns } = matrixShape;
  if (!configurations.some((config) => config.componentType === 'i8' && config.resultComponentType === 'i32' && config.M === rows && config.N === columns && config.K === depth)) return null;
  for (const syntax of ['template', 'argument'] as const) {
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ label: 'integer matrix probe', code: probeShader(syntax) });
    const information = await module.getCompilationInfo();
    const error = await device.popErrorScope();
    if (!error && !information.messages.some((message) => message.type === 'error')) return { syntax };
  }
  return null;
}

export function matrixLoad(syntax: MatrixSyntax, type: string, pointer: string, offset: string, stride: number): string {
  return syntax === 'template' ? `subgroupMatrixLoad<${type}, row_major>(${pointer}, ${offset}, ${stride}u)` : `subgroupMatrixLoad<${type}>(${pointer}, ${offset}, false, ${stride}u)`;
}

export function matrixStore(syntax: MatrixSyntax, pointer: string, offset: string, value: string, stride: number): string {
  return syntax === 'template' ? `subgroupMatrixStore<row_major>(${pointer}, ${offset}, ${value}, ${stride}u);` : `subgroupMatrixStore(${pointer}, ${offset}, ${value}, false, ${stride}u);`;
}

export const matrixTypes = {
  left: `subgroup_matrix_left<i8, ${matrixShape.depth}, ${matrixShape.rows}>`,
  right: `subgroup_matrix_right<i8, ${matrixShape.columns}, ${matrixShape.depth}>`,
  result: `subgroup_matrix_result<i32, ${matrixShape.columns}, ${matrixShape.rows}>`,
};

/** Loads from workgroup and storage memory, one product, one store: what the kernels do. */
function probeShader(syntax: MatrixSyntax): string {
  return `enable chromium_experimental_subgroup_matrix;
enable subgroups;
@group(0) @binding(0) var<storage, read> rights: array<i32>;
var<workgroup> memory: array<i32, 256>;
@compute @workgroup_size(32)
fn main() {
  let left = ${matrixLoad(syntax, matrixTypes.left, '&memory', '0u', matrixShape.depth)};
  let right = ${matrixLoad(syntax, matrixTypes.right, '&rights', '0u', matrixShape.columns)};
  var sum = ${matrixTypes.result}();
  sum = subgroupMatrixMultiplyAccumulate(left, right, sum);
  ${matrixStore(syntax, '&memory', '128u', 'sum', matrixShape.columns)}
}`;
}
