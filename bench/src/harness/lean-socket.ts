// A load generator's graphql-ws client: the graphql-transport-ws protocol
// spoken directly on a `ws` socket, one operation at a time or many. It shares
// the machine with the server, so it must cost little per operation (the
// graphql-ws client's per-operation machinery costs the load generator about
// as much CPU as the raw baseline's whole postgres.js round trip). The frames
// on the wire are the ones any graphql-ws client sends.
import WebSocket from 'ws';

interface Pending {
  answered: boolean;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  data: unknown;
}

export class LeanSocket {
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => this.onMessage(raw));
    socket.on('close', () => {
      for (const [, p] of this.pending) p.reject(new Error('socket closed'));
      this.pending.clear();
    });
  }

  /** Opens a socket and completes the connection_init / connection_ack handshake. */
  static open(url: string, connectionParams: Record<string, unknown>): Promise<LeanSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      const fail = (error: Error) => {
        socket.terminate();
        reject(error);
      };
      socket.once('error', fail);
      socket.once('close', (code) => reject(new Error(`closed during the handshake (${code})`)));
      socket.once('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })),
      );
      socket.once('message', (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as { type?: string };
        socket.off('error', fail);
        socket.removeAllListeners('close');
        if (message.type === 'connection_ack') resolve(new LeanSocket(socket));
        else fail(new Error(`expected connection_ack, got ${message.type ?? 'nothing'}`));
      });
    });
  }

  /**
   * Runs one operation that has a single result (a query or a mutation) and
   * resolves with its data once `complete` arrived; rejects on errors.
   */
  run(query: string, variables: Record<string, unknown>): Promise<unknown> {
    const id = String((this.nextId += 1));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { answered: false, resolve, reject, data: null });
      this.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close(1000);
    });
  }

  private onMessage(raw: Buffer): void {
    const message = JSON.parse(raw.toString()) as {
      id?: string;
      type?: string;
      payload?: { data?: unknown; errors?: unknown };
    };
    if (message.type === 'ping') {
      this.socket.send('{"type":"pong"}');
      return;
    }
    const p = message.id === undefined ? undefined : this.pending.get(message.id);
    if (!p || message.id === undefined) return;
    if (message.type === 'next') {
      if (message.payload?.errors || !message.payload?.data) {
        this.pending.delete(message.id);
        p.reject(new Error(JSON.stringify(message.payload?.errors)));
      } else {
        p.answered = true;
        p.data = message.payload.data;
      }
    } else if (message.type === 'complete') {
      this.pending.delete(message.id);
      if (p.answered) p.resolve(p.data);
      else p.reject(new Error('completed without an answer'));
    } else if (message.type === 'error') {
      this.pending.delete(message.id);
      p.reject(new Error(JSON.stringify(message.payload)));
    }
  }
}
