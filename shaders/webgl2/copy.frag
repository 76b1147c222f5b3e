#version 300 es
// Copies an image that is already the size of its output rectangle (no resampling needed).
precision highp float;
precision highp int;

uniform highp sampler2D u_source;
uniform vec2 u_viewportOrigin;
uniform float u_outputHeight;
uniform bool u_flip;

out vec4 fragColor;

void main() {
  vec2 position = gl_FragCoord.xy - u_viewportOrigin;
  if (u_flip) position.y = u_outputHeight - position.y;
  fragColor = texelFetch(u_source, ivec2(floor(position)), 0);
}
