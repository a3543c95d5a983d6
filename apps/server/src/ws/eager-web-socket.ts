// graphql-ws waits for each frame's write callback before it sends the next
// one, so a query or mutation's `next` and `complete` leave a loop turn apart:
// two writes, two wake-ups of the client, and the client's acknowledgement
// (the `complete`) late by however busy the loop is. While little is queued
// on a socket, this socket calls back as soon as the frame is handed to it:
// both frames leave in the same turn. Past EAGER_BELOW_BYTES (a slow reader)
// it waits for the write as before, so a subscription still cannot outrun its
// socket. Frames keep their order either way.
import { WebSocket } from 'ws';

type Data = Parameters<WebSocket['send']>[0];
type SendOptions = Exclude<Parameters<WebSocket['send']>[1], ((err?: Error) => void) | undefined>;
type Callback = (err?: Error) => void;

/** Bytes queued on the socket below which a frame counts as sent when handed over. */
export const EAGER_BELOW_BYTES = 64 * 1024;

export class EagerWebSocket extends WebSocket {
  /** Answered the last keep-alive ping (see keep-alive.ts). */
  alive = true;

  override send(data: Data, cb?: Callback): void;
  override send(data: Data, options: SendOptions, cb?: Callback): void;
  override send(data: Data, optionsOrCb?: SendOptions | Callback, maybeCb?: Callback): void {
    const options = typeof optionsOrCb === 'function' ? {} : (optionsOrCb ?? {});
    const cb = typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb;
    if (!cb || this.readyState !== WebSocket.OPEN || this.bufferedAmount >= EAGER_BELOW_BYTES) {
      super.send(data, options, cb);
      return;
    }
    super.send(data, options);
    cb();
  }
}
