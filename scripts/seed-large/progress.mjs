// The progress line on stderr: rows done / estimated total, rows/s, ETA — redrawn in place on a TTY, a plain line
// every 10 s otherwise (CI logs, pipes).
import { clearInterval, setInterval } from 'node:timers';

const tty = process.stderr.isTTY;

export class Progress {
  constructor(writer, total) {
    this.w = writer;
    this.total = Math.round(total);
    this.start = Date.now();
    this.phase = '';
    this.timer = setInterval(() => this.draw(), tty ? 500 : 10_000);
    this.timer.unref();
  }

  draw(final = false) {
    const done = this.w.rowsDone;
    const s = (Date.now() - this.start) / 1000;
    const rate = done / Math.max(s, 0.001);
    const total = Math.max(this.total, done);
    const frac = final ? 1 : done / total;
    const eta = final ? 0 : Math.max(0, (total - done) / Math.max(rate, 1));
    const bar = '#'.repeat(Math.round(frac * 30)).padEnd(30, '.');
    const line = `[${bar}] ${(frac * 100).toFixed(1).padStart(5)}% ${done.toLocaleString('en')} / ~${total.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${fmt(eta)}  ${this.phase}`;
    if (tty) process.stderr.write(`\r${line.padEnd(process.stderr.columns ? process.stderr.columns - 1 : 120)}${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  }

  stop() {
    clearInterval(this.timer);
    this.draw(true);
  }
}

function fmt(s) {
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
