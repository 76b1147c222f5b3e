import type { IntegerMatrices } from './integerMatrices';
import { probeIntegerMatrices, subgroupMatrixFeature } from './integerMatrices';

export interface WebGpuDevice {
  device: GPUDevice;
  /** Kept alive with the device: Chromium can lose a device whose adapter was collected. */
  adapter: GPUAdapter;
  adapterName: string;
  isFallbackAdapter: boolean;
  /** shader-f16: weights, taps and products in half precision. */
  halfPrecision: boolean;
  timestamps: boolean;
  /** 8-bit matrix units for the 3×3 convolutions (see matrixConv.ts), or null. */
  integerMatrices: IntegerMatrices | null;
}

/**
 * Asks for a high-performance adapter and a device with the optional features we use. Returns
 * null when the browser has no WebGPU or no adapter; the caller falls back to WebGL2.
 */
export async function requestWebGpuDevice(options: { allowHalfPrecision?: boolean; allowIntegerMatrices?: boolean } = {}): Promise<WebGpuDevice | null> {
  if (typeof navigator === 'undefined' || !('gpu' in navigator)) return null;
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const wanted: GPUFeatureName[] = [];
  const halfPrecision = (options.allowHalfPrecision ?? true) && adapter.features.has('shader-f16');
  if (halfPrecision) wanted.push('shader-f16');
  const timestamps = adapter.features.has('timestamp-query');
  if (timestamps) wanted.push('timestamp-query');
  // A bgra8unorm canvas (the preferred format on most systems) can then be written by a compute pass.
  if (adapter.features.has('bgra8unorm-storage')) wanted.push('bgra8unorm-storage');
  // Asked for by the benchmark only: on the GPUs measured the float kernels are faster (matrixConv.ts).
  const matrices = !halfPrecision && (options.allowIntegerMatrices ?? false) && adapter.features.has(subgroupMatrixFeature) && adapter.features.has('subgroups');
  if (matrices) wanted.push(subgroupMatrixFeature as GPUFeatureName, 'subgroups');
  const device = await adapter.requestDevice({
    requiredFeatures: wanted,
    requiredLimits: {
      maxStorageTexturesPerShaderStage: Math.min(8, adapter.limits.maxStorageTexturesPerShaderStage),
      maxSampledTexturesPerShaderStage: Math.min(16, adapter.limits.maxSampledTexturesPerShaderStage),
      maxComputeWorkgroupStorageSize: Math.min(32768, adapter.limits.maxComputeWorkgroupStorageSize),
      // mpv shader files choose their own workgroups (AnimeJaNai: 32×32 threads), as large as the GPU allows.
      maxComputeInvocationsPerWorkgroup: Math.min(1024, adapter.limits.maxComputeInvocationsPerWorkgroup),
      maxComputeWorkgroupSizeX: Math.min(1024, adapter.limits.maxComputeWorkgroupSizeX),
      maxComputeWorkgroupSizeY: Math.min(1024, adapter.limits.maxComputeWorkgroupSizeY),
    },
  });
  const info = adapter.info;
  return {
    device,
    adapter,
    adapterName: info.description || [info.vendor, info.architecture].filter(Boolean).join(' ') || 'WebGPU adapter',
    isFallbackAdapter: info.isFallbackAdapter,
    halfPrecision,
    timestamps,
    integerMatrices: matrices ? await probeIntegerMatrices(adapter, device).catch(() => null) : null,
  };
}
