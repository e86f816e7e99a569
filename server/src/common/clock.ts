import { Injectable } from '@nestjs/common';

/** The one source of "now". Tests shift it instead of waiting. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
  set(at: Date) {
    this.offsetMs = at.getTime() - Date.now();
  }
}
