/** Sentences the viewer should read once (a damaged store reset at start, a restart after a crash), kept until the window asks. */
export class Notices {
  private readonly pending: string[] = [];

  add(text: string): void {
    if (this.pending.length < 50 && !this.pending.includes(text)) this.pending.push(text);
  }

  /** Everything pending, and forgets it. */
  take(): string[] {
    return this.pending.splice(0);
  }
}
