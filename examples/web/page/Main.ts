/**
 * The example web page's entry (Vite builds it; every pod serves it at `/app/`): one client for the page's
 * lifetime — the generated client's promise facade, `connectClient`, on this page's origin: one WebSocket for
 * every call and subscription — whose connection state the header shows; then the demo sign-in and the orders
 * panel. `?heartbeat=<ms>`, `?timeout=<ms>` and `?reconnect=<ms>` set the client's heartbeat, default call timeout
 * and longest wait between reconnect attempts.
 */
import { connectClient } from "../../generated/Client.js"
import { Orders } from "./Orders.js"
import { Session } from "./Session.js"
import { View } from "./View.js"

const _query = new URLSearchParams(location.search)

/** A positive number of milliseconds from the query's `name`, if it has one. */
const _ms = (name: string): number | undefined => {
  const ms = Number(_query.get(name) ?? "")
  return Number.isFinite(ms) && ms > 0 ? ms : undefined
}
const [_heartbeat, _timeout, _reconnect] = [_ms("heartbeat"), _ms("timeout"), _ms("reconnect")]

/** The signed-in user, whose token every call carries (read per call, so signing in needs no reconnect). */
const _session: { current: Session.Signed | undefined } = { current: undefined }

connectClient({
  url: location.origin,
  token: () => _session.current?.token,
  ...(_heartbeat === undefined ? {} : { heartbeat: _heartbeat }),
  ...(_timeout === undefined ? {} : { timeout: _timeout }),
  ...(_reconnect === undefined ? {} : { reconnect: { max: _reconnect } })
}).then((client) => {
  client.onState(View.state)
  const orders = Orders.make(client)
  Session.users().then(View.users, (e) => View.error("demo users", e))
  View.onClick("sign-in", () =>
    Session.signIn(View.value("user")).then((signed) => {
      _session.current = signed
      orders.signIn(signed)
    }, (e) => View.error("sign-in", e)))
  View.onClick("sign-out", () => {
    _session.current = undefined
    orders.signOut()
  })
}, (e) => View.error("connect", e))
