/**
 * Trace context across a database row: what a writer stores beside the row (the ids of its current span)
 * and how a reader, maybe on another pod, continues that trace (Effect's `Tracer.externalSpan` as the
 * parent). For hops that are not cluster messages (whose envelopes carry it already); no header parsing.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"

/** The span ids stored with a row; null when the writer had no exported span (tracing off). */
interface _Parent {
  readonly trace_id: string | null
  readonly span_id: string | null
}

const _none: _Parent = { trace_id: null, span_id: null }

/** The current span's ids when it is a real, sampled span (a span of a disabled tracer is not). */
const current: Effect.Effect<_Parent> = Effect.map(Effect.option(Effect.currentSpan), Option.match({
  onNone: () => _none,
  onSome: (span) => (span.sampled ? { trace_id: span.traceId, span_id: span.spanId } : _none)
}))

/**
 * Run `effect` in a span `name` whose parent is the stored span, or in a root span when none was stored.
 * Tracing off: the span is a no-op and costs no stack capture.
 */
const resume = (parent: _Parent, name: string, options: { readonly kind?: Tracer.SpanKind; readonly attributes?: Record<string, unknown> } = {}) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.withSpan(effect, name, {
    ...options,
    captureStackTrace: false,
    ...(parent.trace_id === null || parent.span_id === null
      ? {}
      : { parent: Tracer.externalSpan({ traceId: parent.trace_id, spanId: parent.span_id }) })
  }) as Effect.Effect<A, E, R>

export const Trace = { current, resume, none: _none } as const

export declare namespace Trace {
  type Parent = _Parent
}
