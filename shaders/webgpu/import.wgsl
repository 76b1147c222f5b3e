// Copies the imported video frame into an rgba16float texture the pipeline can read.
@group(0) @binding(0) var frame: texture_external;
@group(0) @binding(1) var output: texture_storage_2d<rgba16float, write>;
@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (any(id.xy >= textureDimensions(output))) { return; }
  textureStore(output, id.xy, textureLoad(frame, id.xy));
}
