#version 300 es
// One axis of a separable resampling filter (the reference scalers and the final resize).
// Taps are read with texelFetch, clamped to the edge, and normalised by the sum of weights, so the
// same arithmetic runs on the CPU reference. When shrinking, the kernel is stretched by the scale
// factor so that it also filters out what the smaller image cannot hold.
precision highp float;
precision highp int;

uniform highp sampler2D u_source;
uniform ivec2 u_sourceSize;
uniform int u_axis;            // 0: resample x, 1: resample y
uniform float u_scale;         // source pixels per output pixel along the axis
uniform int u_kernel;          // 0 bilinear, 1 Catmull-Rom, 2 Mitchell, 3 Lanczos-3
uniform float u_radius;        // kernel radius in output-scaled units (1, 2 or 3)
uniform vec2 u_viewportOrigin; // framebuffer pixel where this output rectangle starts
uniform float u_outputHeight;  // height of the output rectangle, for the flip below
uniform bool u_flip;           // true when writing to the canvas, whose rows run bottom-up
uniform float u_shift;         // source pixels the picture lies shifted along the axis (mpv shaders' //!OFFSET)

out vec4 fragColor;

const float PI = 3.14159265358979;

float mitchellNetravali(float x, float b, float c) {
  x = abs(x);
  if (x < 1.0) {
    return ((12.0 - 9.0 * b - 6.0 * c) * x * x * x + (-18.0 + 12.0 * b + 6.0 * c) * x * x + (6.0 - 2.0 * b)) / 6.0;
  }
  if (x < 2.0) {
    return ((-b - 6.0 * c) * x * x * x + (6.0 * b + 30.0 * c) * x * x + (-12.0 * b - 48.0 * c) * x + (8.0 * b + 24.0 * c)) / 6.0;
  }
  return 0.0;
}

float sinc(float x) {
  if (abs(x) < 1e-5) return 1.0;
  float a = PI * x;
  return sin(a) / a;
}

float kernelWeight(float x) {
  if (u_kernel == 0) return max(0.0, 1.0 - abs(x));
  if (u_kernel == 1) return mitchellNetravali(x, 0.0, 0.5);
  if (u_kernel == 2) return mitchellNetravali(x, 1.0 / 3.0, 1.0 / 3.0);
  return abs(x) < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
}

void main() {
  vec2 position = gl_FragCoord.xy - u_viewportOrigin;
  if (u_flip) position.y = u_outputHeight - position.y;
  ivec2 pixel = ivec2(floor(position));
  float center = (u_axis == 0 ? position.x : position.y) * u_scale - 0.5 + u_shift;
  float stretch = max(u_scale, 1.0);
  float support = u_radius * stretch;
  int first = int(ceil(center - support));
  int last = int(floor(center + support));
  int limit = (u_axis == 0 ? u_sourceSize.x : u_sourceSize.y) - 1;
  vec4 sum = vec4(0.0);
  float total = 0.0;
  for (int index = first; index <= last; index++) {
    if (index - first > 255) break;
    float weight = kernelWeight((float(index) - center) / stretch);
    int clamped = clamp(index, 0, limit);
    ivec2 tap = u_axis == 0 ? ivec2(clamped, pixel.y) : ivec2(pixel.x, clamped);
    sum += weight * texelFetch(u_source, tap, 0);
    total += weight;
  }
  fragColor = sum / total;
}
