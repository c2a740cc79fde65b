import { Clock } from '@app/core';

/** A clock the test moves by hand. Starts at a fixed instant so runs are repeatable. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-02T09:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
