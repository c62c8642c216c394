/**
 * The page's demo sign-in: the demo users a pod lists (`GET /demo/users`) and a demo bearer token for one
 * (`POST /demo/sign-in`), served only by pods started with `DEMO_SIGN_IN=true`. DEMO ONLY: nothing here checks
 * a password; a real page gets its token from its identity provider. Browser code: `fetch` and promises.
 */
import type { Shared } from "../../../contracts/shared.js"

/** A demo user: who they are, and their tenant. */
interface _User {
  readonly userId: Shared.UserId
  readonly tenantId: Shared.TenantId
}

/** A signed-in user and the demo bearer token every call of theirs carries. */
interface _Signed extends _User {
  readonly token: string
}

/** A response's JSON body, or a rejection with its status and text. */
const _json = <A>(response: Response): Promise<A> =>
  response.ok
    ? response.json() as Promise<A>
    : response.text().then((text) => Promise.reject(new Error(`${response.status} ${response.statusText}: ${text}`)))

/** The demo users to pick from. */
const users = (): Promise<ReadonlyArray<_User>> => fetch("/demo/users").then((r) => _json<ReadonlyArray<_User>>(r))

/** Sign in as `userId`: the pod signs a demo token for them. */
const signIn = (userId: string): Promise<_Signed> =>
  fetch("/demo/sign-in", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId }) })
    .then((r) => _json<_Signed>(r))

/** The page's sign-in, DEMO ONLY: `Session.users()`, `Session.signIn(userId)`. */
export const Session = { users, signIn } as const

export declare namespace Session {
  type User = _User
  type Signed = _Signed
}
