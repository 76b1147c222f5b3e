import type { TextureFormat } from './texture';

export interface WebGL2Capabilities {
  /** RGBA16F render targets (EXT_color_buffer_float); without them intermediates are 8-bit. */
  floatTargets: boolean;
  timerQueries: boolean;
  renderer: string;
  maxTextureSize: number;
}

export interface ContextHandlers {
  onLost(): void;
  onRestored(): void;
}

/**
 * Creates the WebGL2 context of a canvas and wires context loss: the default action of
 * `webglcontextlost` is prevented, which is what allows the browser to restore the context.
 */
export function createWebGL2Context(canvas: HTMLCanvasElement, handlers: ContextHandlers) {
  const gl = canvas.getContext('webgl2', {
    alpha: false,
    antialias: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: false,
    preserveDrawingBuffer: false,
    powerPreference: 'high-performance',
  });
  if (!gl) return null;
  const lost = (event: Event) => {
    event.preventDefault();
    handlers.onLost();
  };
  const restored = () => handlers.onRestored();
  canvas.addEventListener('webglcontextlost', lost);
  canvas.addEventListener('webglcontextrestored', restored);
  const detach = () => {
    canvas.removeEventListener('webglcontextlost', lost);
    canvas.removeEventListener('webglcontextrestored', restored);
  };
  return { gl, detach };
}

/** Enables the extensions we use and reports what the GPU offers. Call again after a restore. */
export function readCapabilities(gl: WebGL2RenderingContext): WebGL2Capabilities {
  const floatTargets = gl.getExtension('EXT_color_buffer_float') !== null;
  gl.getExtension('OES_texture_float_linear');
  const timerQueries = gl.getExtension('EXT_disjoint_timer_query_webgl2') !== null;
  const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = debugInfo
    ? String(gl.getParameter(debugInfo.UNMASKED_RENDERER_WEBGL))
    : String(gl.getParameter(gl.RENDERER));
  return {
    floatTargets,
    timerQueries,
    renderer,
    maxTextureSize: gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
  };
}

export function intermediateFormat(capabilities: WebGL2Capabilities): TextureFormat {
  return capabilities.floatTargets ? 'rgba16f' : 'rgba8';
}
