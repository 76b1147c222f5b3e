/**
 * Shader files whose passes leave their result shifted (//!OFFSET), as luma doublers do, each with
 * its twin written unshifted: mpv's scaler samples a shifted picture where it lies, so both draw
 * the same picture. A shift carried to the wrong scaler, with the wrong sign or the wrong scale,
 * shows as a picture moved by a pixel or half of one.
 */
export const offsetPairs: { file: string; shifted: string; unshifted: string }[] = [
  {
    file: 'shift-main.glsl',
    shifted: '//!DESC Content moved one pixel right\n//!HOOK MAIN\n//!BIND HOOKED\n//!OFFSET 1 0\nvec4 hook() { return HOOKED_texOff(vec2(-1.0, 0.0)); }\n',
    unshifted: '//!DESC Content in place\n//!HOOK MAIN\n//!BIND HOOKED\nvec4 hook() { return HOOKED_texOff(vec2(0.0)); }\n',
  },
  {
    file: 'double-luma.glsl',
    shifted:
      '//!DESC Luma doubled, half a pixel up and left\n//!HOOK LUMA\n//!BIND HOOKED\n//!WIDTH HOOKED.w 2 *\n//!HEIGHT HOOKED.h 2 *\n//!OFFSET -0.5 -0.5\nvec4 hook() { return HOOKED_tex(HOOKED_pos + 0.25 * HOOKED_pt); }\n',
    unshifted: '//!DESC Luma doubled in place\n//!HOOK LUMA\n//!BIND HOOKED\n//!WIDTH HOOKED.w 2 *\n//!HEIGHT HOOKED.h 2 *\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n',
  },
];

/** A pass that shifts MAIN by half a pixel and a quarter, then one that shows MAIN_off as its colour. */
export const offsetReader = [
  '//!HOOK MAIN', '//!BIND HOOKED', '//!OFFSET 0.5 0.25', '//!DESC shift', 'vec4 hook() { return HOOKED_tex(HOOKED_pos); }',
  '//!HOOK MAIN', '//!BIND HOOKED', '//!DESC show the offset', 'vec4 hook() { return vec4(MAIN_off, 0.0, 1.0); }', '',
].join('\n');
