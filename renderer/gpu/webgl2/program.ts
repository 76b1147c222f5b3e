import fullscreenSource from '../../../shaders/webgl2/fullscreen.vert?raw';
import { numberSource } from '../timing';

/** A shader that failed to compile or link, with the source numbered so the log points at the line. */
export class ShaderError extends Error {
  constructor(
    readonly description: string,
    readonly log: string,
    readonly numberedSource: string,
  ) {
    super(`${description}: ${log.trim()}`);
    this.name = 'ShaderError';
  }
}


function compile(gl: WebGL2RenderingContext, type: number, source: string, description: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new ShaderError(description, 'could not create a shader (context lost?)', '');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
    const log = gl.getShaderInfoLog(shader) ?? 'unknown error';
    gl.deleteShader(shader);
    throw new ShaderError(description, log, numberSource(source));
  }
  return shader;
}

export interface Program {
  program: WebGLProgram;
  uniforms: Map<string, WebGLUniformLocation>;
}

/** The full-screen triangle every pass draws; positions come from gl_VertexID, so no buffers. */
export const fullscreenVertexShader = fullscreenSource;

export function createProgram(gl: WebGL2RenderingContext, fragmentSource: string, description: string): Program {
  const vertex = compile(gl, gl.VERTEX_SHADER, fullscreenVertexShader, `${description} (vertex)`);
  const fragment = compile(gl, gl.FRAGMENT_SHADER, fragmentSource, description);
  const program = gl.createProgram();
  if (!program) throw new ShaderError(description, 'could not create a program (context lost?)', '');
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  gl.deleteShader(vertex);
  gl.deleteShader(fragment);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
    const log = gl.getProgramInfoLog(program) ?? 'unknown error';
    gl.deleteProgram(program);
    throw new ShaderError(description, log, numberSource(fragmentSource));
  }
  const uniforms = new Map<string, WebGLUniformLocation>();
  const count = gl.getProgramParameter(program, gl.ACTIVE_UNIFORMS) as number;
  for (let index = 0; index < count; index++) {
    const info = gl.getActiveUniform(program, index);
    if (!info) continue;
    const name = info.name.replace(/\[0\]$/, '');
    const location = gl.getUniformLocation(program, info.name);
    if (location) uniforms.set(name, location);
  }
  return { program, uniforms };
}
