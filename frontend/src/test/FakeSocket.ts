/** A WebSocket stand-in: tests play the server by calling `open`, `receive` and `drop`. */
export class FakeSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  /** Every socket made, oldest first. */
  static made: FakeSocket[] = []

  readyState = FakeSocket.CONNECTING
  sent: { op: number; d?: unknown }[] = []
  closedWith: number | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.made.push(this)
  }

  static latest(): FakeSocket {
    const socket = FakeSocket.made.at(-1)
    if (!socket) throw new Error('no socket was made')
    return socket
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as { op: number; d?: unknown })
  }

  close(code = 1000): void {
    this.closedWith = code
    this.readyState = FakeSocket.CLOSED
  }

  /** The server accepts the connection and says HELLO. */
  open(heartbeatInterval = 40_000): void {
    this.readyState = FakeSocket.OPEN
    this.receive({ op: 10, d: { heartbeat_interval: heartbeatInterval } })
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent)
  }

  /** The connection ends from the server's side (or the network's). */
  drop(code = 1006): void {
    this.readyState = FakeSocket.CLOSED
    this.onclose?.({ code } as CloseEvent)
  }

  ops(): number[] {
    return this.sent.map((frame) => frame.op)
  }
}
