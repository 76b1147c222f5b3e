#version 300 es
// The full-screen triangle every pass draws; positions come from gl_VertexID, so no buffers.
void main() {
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
