/**
 * Golden scenario `auth`: a contract whose public RPCs need a verified principal unless they say otherwise.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"
import { Shared } from "./shared.js"

const NoteId = Schema.String.pipe(Schema.pattern(/^n_[a-z0-9]+$/), Schema.brand("NoteId"))

class Note extends Schema.Class<Note>("Note")({ tenantId: Shared.TenantId, noteId: NoteId, text: Schema.String }) {}

class NoteNotFound extends Schema.TaggedError<NoteNotFound>()("NoteNotFound", { noteId: NoteId }) {}

export default Contract.make("notes", {
  /** Who calls: a user of one tenant. Every public RPC needs one unless it says `auth: "none"`. */
  auth: { principal: Shared.Principal },
  rpcs: {
    /** Read one note of the caller's tenant. */
    GetNote: Contract.rpc({ payload: { tenantId: Shared.TenantId, noteId: NoteId }, success: Note, error: NoteNotFound }),
    /** The caller, as the server sees them. */
    WhoAmI: Contract.rpc({ success: Shared.Principal }),
    /** Every note of the caller's tenant, then each change. */
    WatchNotes: Contract.rpc({ payload: { tenantId: Shared.TenantId }, success: Note, stream: true }),
    /** Anyone may ask: the service's version. */
    Version: Contract.rpc({ success: Schema.String, auth: "none" })
  },
  entities: {
    /** A tenant's notes; its messages come from inside the cluster and carry no auth. */
    Notebook: Contract.entity({ rpcs: { Read: Contract.rpc({ payload: { noteId: NoteId }, success: Note, error: NoteNotFound }) } })
  }
})
