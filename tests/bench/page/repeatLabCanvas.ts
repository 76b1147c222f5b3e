/** The id of the repeat lab's canvas, for the test's screenshot (shared by the page and the test). */
export const repeatCanvasId = 'repeat-lab-canvas';
