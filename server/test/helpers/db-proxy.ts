import * as net from 'node:net';

/**
 * A TCP proxy on loopback between the server and MariaDB, so a test can take "the database" away without
 * touching the MariaDB other tests share: `cut()` drops every open connection and refuses new ones until `restore()`.
 */
export class DbProxy {
  private server!: net.Server;
  private readonly open = new Set<net.Socket>();
  private down = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start() {
    this.server = net.createServer((client) => {
      if (this.down) return client.destroy();
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.open.add(a);
        a.pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.open.delete(a);
          b.destroy();
        });
      }
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  /** a DB_URL for the server that goes through the proxy */
  url(dbUrl: string) {
    const u = new URL(dbUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  cut() {
    this.down = true;
    for (const s of this.open) s.destroy();
  }

  restore() {
    this.down = false;
  }

  async stop() {
    this.cut();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
