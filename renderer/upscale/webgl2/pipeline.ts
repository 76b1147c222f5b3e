import type { Program } from '../../gpu/webgl2/program';
import { ShaderError, createProgram } from '../../gpu/webgl2/program';
import type { RenderTarget, Texture, TextureFormat } from '../../gpu/webgl2/texture';
import { createRenderTarget, createTexture, deleteTarget } from '../../gpu/webgl2/texture';
import type { PassTimer } from '../../gpu/webgl2/timer';
import type { FileTexture, PassDefinition } from '../model';
import type { Plan } from '../planner';
import { sourceTextureId } from '../planner';
import type { PassFailure } from '../stage';
import { randomOf } from '../userShaders/frameValues';
import { fragmentSource } from './codegen';
import { userFragmentSourceThroughNaga } from './userCodegen';

function programKey(definition: PassDefinition): string {
  const { program } = definition;
  if (program.kind === 'conv') return `conv|${definition.description}`;
  // A user pass is known by where it comes from: its look-up textures are too large to spell out per frame.
  if (program.kind === 'user') return `user|${program.file}|${program.bodyLine}|${program.hook}|${definition.components}|${definition.inputs.join(',')}`;
  return `${definition.description}|${definition.inputs.length}|${JSON.stringify(program)}`;
}

/**
 * Runs plans on WebGL2: one fragment pass per planned pass into RGBA16F targets, which the plan
 * shares between passes whose lifetimes do not overlap. Programs are compiled per pass and kept.
 */
export class WebGL2Pipeline {
  private readonly programs = new Map<string, Program>();
  /** The look-up textures of user passes (`//!TEXTURE`), uploaded with their program. */
  private readonly fileTextures = new Map<string, Texture[]>();
  private slots: RenderTarget[] = [];
  private slotKey = '';

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly format: TextureFormat,
    /** How the readout names this pipeline's passes (the compare side's are told apart). */
    private readonly label: (description: string) => string = (description) => description,
  ) {}

  /**
   * Compiles every program of a preset up front, so a failure shows before the first frame.
   * `throughNaga`: a user pass that does not compile as written is tried once more as naga
   * writes it (naga must be loaded); its own failure is the one reported when both fail.
   */
  compile(definitions: PassDefinition[], throughNaga = false): PassFailure | null {
    for (const definition of definitions) {
      const key = programKey(definition);
      if (this.programs.has(key)) continue;
      try {
        this.programs.set(key, this.createProgram(definition, throughNaga));
        if (definition.program.kind === 'user' && definition.program.textures.length > 0) this.fileTextures.set(key, definition.program.textures.map((texture) => uploadFileTexture(this.gl, texture)));
      } catch (error) {
        return error instanceof ShaderError
          ? { description: definition.description, message: error.log.trim(), numberedSource: error.numberedSource }
          : { description: definition.description, message: String(error), numberedSource: '' };
      }
    }
    return null;
  }

  private createProgram(definition: PassDefinition, throughNaga: boolean): Program {
    try {
      return createProgram(this.gl, fragmentSource(definition), definition.description);
    } catch (error) {
      const { program } = definition;
      if (!throughNaga || program.kind !== 'user' || !(error instanceof ShaderError)) throw error;
      try {
        return createProgram(this.gl, userFragmentSourceThroughNaga(definition, program), definition.description);
      } catch {
        throw error;
      }
    }
  }

  /**
   * Runs a plan on `source`; returns the image for the final scaler, or null when it draws
   * nothing. `frame` is the count of frames computed, for mpv shaders' `frame` and `random`.
   */
  run(plan: Plan, source: Texture, timer: PassTimer, frame = 0): Texture | null {
    if (plan.passes.length === 0) return null;
    this.ensureSlots(plan);
    const { gl } = this;
    const textureOf = (id: number, slot: number): Texture => (id === sourceTextureId ? source : (this.slots[slot] as RenderTarget));
    gl.disable(gl.SCISSOR_TEST);
    gl.disable(gl.BLEND);
    for (const [passIndex, pass] of plan.passes.entries()) {
      // The planner may add the scaler as a pass (for hooks after it): compiled when first met.
      if (!this.programs.has(programKey(pass.definition)) && this.compile([pass.definition])) return null;
      const program = this.programs.get(programKey(pass.definition));
      const target = this.slots[pass.output.slot];
      if (!program || !target) return null;
      timer.measure(this.label(pass.definition.description), () => {
        gl.bindFramebuffer(gl.FRAMEBUFFER, target.framebuffer);
        gl.viewport(0, 0, pass.output.width, pass.output.height);
        gl.useProgram(program.program);
        // A user's shader samples with texture(), bilinear as libplacebo binds; our own passes use texelFetch, which filtering does not touch.
        const user = pass.definition.program.kind === 'user';
        pass.inputs.forEach((input, index) => {
          gl.activeTexture(gl.TEXTURE0 + index);
          gl.bindTexture(gl.TEXTURE_2D, textureOf(input.id, input.slot).texture);
          if (user) {
            gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
            gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
          }
          gl.uniform1i(program.uniforms.get(`u_input${index}`) ?? null, index);
          gl.uniform2i(program.uniforms.get(`u_size${index}`) ?? null, input.width, input.height);
          gl.uniform2f(program.uniforms.get(`u_offset${index}`) ?? null, input.offset.x, input.offset.y);
        });
        (this.fileTextures.get(programKey(pass.definition)) ?? []).forEach((texture, index) => {
          gl.activeTexture(gl.TEXTURE0 + pass.inputs.length + index);
          gl.bindTexture(gl.TEXTURE_2D, texture.texture);
          gl.uniform1i(program.uniforms.get(`u_texture${index}`) ?? null, pass.inputs.length + index);
        });
        gl.uniform2i(program.uniforms.get('u_outputSize') ?? null, pass.output.width, pass.output.height);
        gl.uniform2f(program.uniforms.get('input_size') ?? null, plan.native.width, plan.native.height);
        gl.uniform2f(program.uniforms.get('target_size') ?? null, plan.output.width, plan.output.height);
        gl.uniform1i(program.uniforms.get('frame') ?? program.uniforms.get('kireiFrame') ?? null, frame);
        gl.uniform1f(program.uniforms.get('random') ?? program.uniforms.get('kireiRandom') ?? null, randomOf(frame, passIndex));
        gl.drawArrays(gl.TRIANGLES, 0, 3);
      });
    }
    gl.activeTexture(gl.TEXTURE0);
    const result = this.slots[plan.result.slot];
    return result ? { ...result, width: plan.result.width, height: plan.result.height } : null;
  }

  /** After a context loss every GL object is gone; forget them without deleting. */
  forgetResources(): void {
    this.programs.clear();
    this.fileTextures.clear();
    this.slots = [];
    this.slotKey = '';
  }

  dispose(): void {
    for (const program of this.programs.values()) this.gl.deleteProgram(program.program);
    this.programs.clear();
    for (const texture of [...this.fileTextures.values()].flat()) this.gl.deleteTexture(texture.texture);
    this.fileTextures.clear();
    for (const slot of this.slots) deleteTarget(this.gl, slot);
    this.slots = [];
    this.slotKey = '';
  }

  private ensureSlots(plan: Plan): void {
    const key = plan.slots.map((slot) => `${slot.width}x${slot.height}`).join(',');
    if (key === this.slotKey) return;
    for (const slot of this.slots) deleteTarget(this.gl, slot);
    this.slots = plan.slots.map((slot) => createRenderTarget(this.gl, slot.width, slot.height, this.format));
    this.slotKey = key;
  }
}

/** A shader file's look-up texture, as 16-bit floats (what libplacebo keeps for rgba16f), with its filter and border. */
function uploadFileTexture(gl: WebGL2RenderingContext, file: FileTexture): Texture {
  const texture = createTexture(gl, file.width, file.height, 'rgba16f', file.filter === 'linear');
  gl.bindTexture(gl.TEXTURE_2D, texture.texture);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, file.width, file.height, gl.RGBA, gl.FLOAT, file.rgba);
  const wrap = file.border === 'repeat' ? gl.REPEAT : file.border === 'mirror' ? gl.MIRRORED_REPEAT : gl.CLAMP_TO_EDGE;
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, wrap);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, wrap);
  return texture;
}
