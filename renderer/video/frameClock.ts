export interface PresentedFrame {
  /** Presentation time of the frame in the media's timeline, seconds. */
  mediaTime: number;
  width: number;
  height: number;
  /** Frames the compositor has shown so far; gaps mean dropped frames. */
  presentedFrames: number;
}

/**
 * Calls back once per decoded frame the element would present, via requestVideoFrameCallback
 * (also after a seek while paused). Returns a function that stops the clock.
 */
export function startFrameClock(video: HTMLVideoElement, onFrame: (frame: PresentedFrame) => void): () => void {
  let stopped = false;
  let handle = 0;
  const tick: VideoFrameRequestCallback = (_now, metadata) => {
    if (stopped) return;
    // Asked for first: a listener that throws must not stop the clock for the rest of the file.
    handle = video.requestVideoFrameCallback(tick);
    onFrame({
      mediaTime: metadata.mediaTime,
      width: metadata.width,
      height: metadata.height,
      presentedFrames: metadata.presentedFrames,
    });
  };
  handle = video.requestVideoFrameCallback(tick);
  return () => {
    stopped = true;
    video.cancelVideoFrameCallback(handle);
  };
}
