// Handler stub created by effect-contracts from contracts/notifications.contract.ts. Yours to edit: codegen never overwrites it.
import * as Effect from "effect/Effect"

/**
 * One cluster-wide sender batching unread notifications into daily digests.
 * Schedule `DigestSender`: runs on exactly one pod at a time.
 */
export const DigestSenderSchedule: Effect.Effect<void> = Effect.logWarning("not implemented: notifications.DigestSender (edit examples/handlers/notifications/schedules/DigestSender.ts)")
