/**
 * The runner port is not a public door: with a cluster secret (`CLUSTER_SECRET`), every runner-to-runner
 * connection opens with a proof of it — `ECR1`, a timestamp and an HMAC-SHA256 of that timestamp under the
 * secret — and a connection that does not is dropped and logged before a single byte reaches the runner
 * protocol. Socket-level only: the @effect/cluster runner protocol above it is unchanged.
 */
import * as Socket from "@effect/platform/Socket"
import * as SocketServer from "@effect/platform/SocketServer"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"
import * as Net from "node:net"

const _magic = Buffer.from("ECR1")
/** magic (4) + milliseconds since the epoch (8) + HMAC-SHA256 (32). */
const _length = 44
/** How far a proof's timestamp may be from this runner's clock: bounds replays of a captured proof. */
const _window = 60_000

const _mac = (secret: Redacted.Redacted<string>, time: Buffer) => createHmac("sha256", Redacted.value(secret)).update(_magic).update(time).digest()

/** The first bytes a runner sends on a connection it opens. */
const proof = (secret: Redacted.Redacted<string>, now: number): Buffer => {
  const time = Buffer.alloc(8)
  time.writeBigInt64BE(BigInt(now))
  return Buffer.concat([_magic, time, _mac(secret, time)])
}

/** Why a connection's first bytes are not a valid proof, or `undefined` when they are. */
const verify = (secret: Redacted.Redacted<string>, head: Buffer, now: number): string | undefined => {
  const time = head.subarray(4, 12)
  const sent = head.length < 12 ? Number.NaN : Number(time.readBigInt64BE())
  const mac = head.subarray(12, _length)
  return head.length < _length || !head.subarray(0, 4).equals(_magic)
    ? "not a runner of this cluster (no proof of the cluster secret)"
    : Math.abs(now - sent) > _window
    ? `a proof ${Math.round((now - sent) / 1000)} s off this runner's clock (a replay, or clocks out of sync)`
    : !timingSafeEqual(mac, _mac(secret, time))
    ? "a wrong cluster secret"
    : undefined
}

/** The first `_length` bytes of a fresh connection (within `timeout`), the rest pushed back for the protocol. */
const _head = (conn: Net.Socket, timeout: number) =>
  Effect.async<Buffer, string>((resume) => {
    const chunks: Array<Buffer> = []
    const done = (outcome: Effect.Effect<Buffer, string>) => {
      clearTimeout(timer)
      conn.off("data", onData).off("end", onEnd).off("error", onEnd)
      conn.pause()
      resume(outcome)
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      const all = Buffer.concat(chunks)
      if (all.length >= _length) {
        conn.pause()
        if (all.length > _length) conn.unshift(all.subarray(_length))
        done(Effect.succeed(all.subarray(0, _length)))
      }
    }
    const onEnd = () => done(Effect.fail("closed before proving the cluster secret"))
    const timer = setTimeout(() => done(Effect.fail("sent no proof of the cluster secret in time")), timeout)
    conn.on("data", onData).on("end", onEnd).on("error", onEnd)
  })

/**
 * `conn`, paused since its proof was read (the bytes after it pushed back), flowing again as soon as the
 * runner protocol listens for data: nothing is read while nobody listens, so nothing is lost.
 */
const _resumeOnRead = (conn: Net.Socket): Net.Socket => {
  const onListener = (event: string | symbol) => {
    if (event === "data") {
      conn.off("newListener", onListener)
      setImmediate(() => conn.resume())
    }
  }
  conn.on("newListener", onListener)
  return conn
}

/**
 * A `SocketServer` on `host:port` (TCP_NODELAY) that hands a connection to the runner protocol only once its
 * first bytes prove the secret; others are logged with their address and closed.
 */
const server = (options: { readonly host: string; readonly port: number; readonly secret: Redacted.Redacted<string>; readonly proofTimeout?: number }) =>
  Effect.gen(function*() {
    const net = Net.createServer({ noDelay: true })
    yield* Effect.async<void, SocketServer.SocketServerError>((resume) => {
      net.once("error", (cause) => resume(Effect.fail(new SocketServer.SocketServerError({ reason: "Open", cause }))))
      net.listen({ host: options.host, port: options.port }, () => resume(Effect.void))
    })
    yield* Effect.addFinalizer(() => Effect.async<void>((resume) => void net.close(() => resume(Effect.void))))
    const address = net.address() as Net.AddressInfo
    const run = <R, E, _>(handler: (socket: Socket.Socket) => Effect.Effect<_, E, R>) =>
      Effect.gen(function*() {
        const runFork = yield* FiberSet.makeRuntime<R>()
        const onConnection = (conn: Net.Socket) =>
          void runFork(_head(conn, options.proofTimeout ?? 5_000).pipe(
            Effect.flatMap((head) => {
              const why = verify(options.secret, head, Date.now())
              return why === undefined ? Effect.succeed(head) : Effect.fail(why)
            }),
            Effect.matchEffect({
              onFailure: (why) =>
                Effect.logWarning(`runner port: dropped a connection from ${conn.remoteAddress}:${conn.remotePort}: ${why}`).pipe(
                  Effect.zipRight(Effect.sync(() => conn.destroy()))
                ),
              onSuccess: () =>
                NodeSocket.fromDuplex(Effect.acquireRelease(Effect.sync(() => _resumeOnRead(conn)), (c) => Effect.sync(() => c.destroySoon()))).pipe(
                  Effect.flatMap(handler),
                  Effect.catchAllCause(Effect.logDebug),
                  Effect.provideService(NodeSocket.NetSocket, conn)
                )
            })
          ))
        net.on("connection", onConnection)
        return yield* Effect.never.pipe(Effect.ensuring(Effect.sync(() => void net.off("connection", onConnection))))
      }).pipe(Effect.scoped)
    return SocketServer.SocketServer.of({ address: { _tag: "TcpAddress", hostname: address.address, port: address.port }, run })
  })

/** A connection to another runner that opens with the proof of the secret, then speaks the runner protocol. */
const connect = (options: { readonly host: string; readonly port: number; readonly secret: Redacted.Redacted<string>; readonly openTimeout: Duration.DurationInput }) =>
  NodeSocket.fromDuplex(
    Effect.acquireRelease(
      Effect.async<Net.Socket, Socket.SocketError>((resume) => {
        const conn = Net.createConnection({ host: options.host, port: options.port, noDelay: true })
        conn.once("connect", () => {
          conn.write(proof(options.secret, Date.now()))
          resume(Effect.succeed(conn))
        })
        conn.once("error", (cause) => resume(Effect.fail(new Socket.SocketGenericError({ reason: "Open", cause }))))
      }),
      (conn) => Effect.sync(() => conn.closed ? undefined : conn.destroySoon())
    ),
    { openTimeout: options.openTimeout }
  )

export const RunnerAuth = { server, connect, proof, verify } as const
