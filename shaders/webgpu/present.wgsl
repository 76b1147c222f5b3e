// Draws every pixel of the canvas texture in one pass: black around the picture, the reference
// scaler left of the compare divider, the upscaled picture (resized by the final scaler, or copied
// when it already has the picture's size) right of it. A compute pass writes the canvas where it
// may be a storage texture (GPUs with few graphics units run fragments far slower than compute);
// elsewhere a render pass draws a full-screen triangle. The stage puts the scaler functions
// (mitchellNetravali, kernelWeight as Lanczos-3) before it and the canvas format into it.
struct Placement {
  rect: vec4i,
  divider: i32,
  pictureKernel: i32,
  referenceKernel: i32,
  padding: i32,
  // Where each picture lies shifted in its texture (its pixels): mpv shaders' //!OFFSET, undone here.
  pictureShift: vec2f,
  referenceShift: vec2f,
}
@group(0) @binding(0) var canvasTexture: texture_storage_2d<CANVAS_FORMAT, write>;
@group(0) @binding(1) var picture: texture_2d<f32>;
@group(0) @binding(2) var referenceImage: texture_2d<f32>;
@group(0) @binding(3) var<uniform> placement: Placement;

fn fetch(image: texture_2d<f32>, p: vec2i) -> vec4f {
  return textureLoad(image, clamp(p, vec2i(0), vec2i(textureDimensions(image)) - vec2i(1)), 0);
}

// Separable weights evaluated in one 2D loop; shrinking stretches the kernel, as resample.frag does.
fn resample(image: texture_2d<f32>, kernel: i32, local: vec2i, size: vec2i, shift: vec2f) -> vec4f {
  let source = vec2i(textureDimensions(image));
  if (all(source == size) && all(shift == vec2f(0.0))) { return textureLoad(image, local, 0); }
  let scale = vec2f(source) / vec2f(size);
  let centre = (vec2f(local) + 0.5) * scale - 0.5 + shift;
  let stretch = max(scale, vec2f(1.0));
  let support = kernelRadius(kernel) * stretch;
  let first = vec2i(ceil(centre - support));
  let last = vec2i(floor(centre + support));
  var sum = vec4f(0.0);
  var total = 0.0;
  for (var y = first.y; y <= last.y; y++) {
    let wy = weightOf(kernel, (f32(y) - centre.y) / stretch.y);
    for (var x = first.x; x <= last.x; x++) {
      let w = wy * weightOf(kernel, (f32(x) - centre.x) / stretch.x);
      sum += w * fetch(image, vec2i(x, y));
      total += w;
    }
  }
  return sum / total;
}

@vertex
fn vertexMain(@builtin(vertex_index) index: u32) -> @builtin(position) vec4f {
  let corner = vec2f(f32((index << 1u) & 2u), f32(index & 2u));
  return vec4f(corner * 2.0 - 1.0, 0.0, 1.0);
}

@fragment
fn fragmentMain(@builtin(position) position: vec4f) -> @location(0) vec4f {
  return colourAt(vec2i(floor(position.xy)));
}

@compute @workgroup_size(8, 8)
fn computeMain(@builtin(global_invocation_id) id: vec3u) {
  if (any(id.xy >= textureDimensions(canvasTexture))) { return; }
  textureStore(canvasTexture, id.xy, colourAt(vec2i(id.xy)));
}

fn colourAt(p: vec2i) -> vec4f {
  let local = p - placement.rect.xy;
  var colour = vec4f(0.0, 0.0, 0.0, 1.0);
  if (all(local >= vec2i(0)) && all(local < placement.rect.zw)) {
    if (p.x < placement.divider) {
      colour = resample(referenceImage, placement.referenceKernel, local, placement.rect.zw, placement.referenceShift);
    } else {
      colour = resample(picture, placement.pictureKernel, local, placement.rect.zw, placement.pictureShift);
    }
  }
  return vec4f(clamp(colour.rgb, vec3f(0.0), vec3f(1.0)), 1.0);
}

// The four reference kernels behind one index (0 bilinear, 1 Catmull-Rom, 2 Mitchell, 3 Lanczos-3).
fn weightOf(kernel: i32, x: f32) -> f32 {
  switch kernel {
    case 0: { return max(0.0, 1.0 - abs(x)); }
    case 1: { return mitchellNetravali(x, 0.0, 0.5); }
    case 2: { return mitchellNetravali(x, 1.0 / 3.0, 1.0 / 3.0); }
    default: { return kernelWeight(x); }
  }
}
fn kernelRadius(kernel: i32) -> f32 {
  switch kernel {
    case 0: { return 1.0; }
    case 3: { return 3.0; }
    default: { return 2.0; }
  }
}
