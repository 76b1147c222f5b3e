import { useEffect, useState } from 'react';
import { libraryAction } from '../player/libraryActions';
import { openWith } from '../player/opening';
import { usePorts } from './ports';

/** Drag and drop of a video (plays) or a folder (joins the library) anywhere on the window. */
export function useFileDrop(): boolean {
  const ports = usePorts();
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setActive(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setActive(false);
      const file = event.dataTransfer?.files[0];
      const entry = event.dataTransfer?.items[0]?.webkitGetAsEntry();
      // A folder joins the library; a file plays.
      if (file && entry?.isDirectory) void libraryAction(ports, (bridge) => bridge.library.addDroppedFolder(file));
      else if (file) void openWith(ports, (bridge) => bridge.media.openDropped(file));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [ports]);
  return active;
}
