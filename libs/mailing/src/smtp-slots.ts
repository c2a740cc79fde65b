/**
 * A counting semaphore over the SMTP pool: one slot per pooled connection. The sender holds a slot
 * from handing a message to SMTP until the message's outcome is recorded, so a connection never
 * starts the next message while the previous one is accepted but unrecorded (see `deliver`).
 */
export class SmtpSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so a late arrival cannot overtake it.
    if (next) next();
    else this.free++;
  }
}
