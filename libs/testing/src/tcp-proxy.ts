import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

/**
 * A TCP forwarder in front of a real server (PostgreSQL, Temporal) that a test can cut and restore:
 * a service pointed at it sees a real outage (its connections drop, new ones are refused, nothing
 * listens on the port) while everybody else keeps using the server itself.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free port of 127.0.0.1 and forwards every connection to `target`. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    proxy.listeningPort = await proxy.listen(0);
    return proxy;
  }

  /** The port the proxy listens on (the same across cut and restore). */
  get port(): number {
    return this.listeningPort;
  }

  /** `host:port` of the proxy, e.g. for TEMPORAL_ADDRESS. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The outage: stop listening and drop every open connection, both ways. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The end of the outage: listen on the same port again. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private listen(port: number): Promise<number> {
    const server = createServer((client) => this.forward(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  private forward(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        (socket === client ? upstream : client).destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
