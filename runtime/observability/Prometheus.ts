/**
 * Effect's metric snapshot as the Prometheus text exposition format (version 0.0.4): one `# HELP` and
 * `# TYPE` per metric name, samples grouped under it, histograms as cumulative `_bucket{le}` with `_sum`
 * and `_count`, names and label names sanitized, label values and help texts escaped. A pure function.
 */
import type * as MetricKey from "effect/MetricKey"
import type * as MetricKeyType from "effect/MetricKeyType"
import type * as MetricPair from "effect/MetricPair"
import * as MetricState from "effect/MetricState"
import * as Option from "effect/Option"

type _Kind = "counter" | "gauge" | "histogram" | "summary"

type _Label = readonly [string, string]

interface _Family {
  readonly name: string
  readonly kind: _Kind
  readonly help: string
  readonly lines: Array<string>
}

/** A metric or label name as Prometheus allows it: `[a-zA-Z_:][a-zA-Z0-9_:]*` (labels: no colon). */
const _name = (raw: string, colon = true) => {
  const cleaned = raw.replace(colon ? /[^a-zA-Z0-9_:]/g : /[^a-zA-Z0-9_]/g, "_")
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned
}

const _escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n")

const _escapeHelp = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")

/** A sample value: integers and bigints exactly, `NaN`, `+Inf`, `-Inf` as the format spells them. */
const _value = (n: number | bigint): string =>
  typeof n === "bigint"
    ? n.toString()
    : Number.isNaN(n)
    ? "NaN"
    : n === Number.POSITIVE_INFINITY
    ? "+Inf"
    : n === Number.NEGATIVE_INFINITY
    ? "-Inf"
    : String(n)

const _sample = (name: string, labels: ReadonlyArray<_Label>, value: number | bigint) =>
  labels.length === 0
    ? `${name} ${_value(value)}`
    : `${name}{${labels.map(([k, v]) => `${k}="${_escapeLabel(v)}"`).join(",")}} ${_value(value)}`

type _Untyped = MetricKey.MetricKey<MetricKeyType.MetricKeyType<unknown, unknown>>

/** One metric key's state as its family kind and sample lines, or none for a state the format cannot hold. */
const _samples = (name: string, labels: ReadonlyArray<_Label>, state: unknown): readonly [_Kind, ReadonlyArray<string>] | undefined =>
  MetricState.isCounterState(state)
    ? ["counter", [_sample(name, labels, state.count)]]
    : MetricState.isGaugeState(state)
    ? ["gauge", [_sample(name, labels, state.value)]]
    : MetricState.isHistogramState(state)
    ? ["histogram", [
      ...state.buckets.map(([le, count]) => _sample(`${name}_bucket`, [...labels, ["le", _value(le)]], count)),
      _sample(`${name}_sum`, labels, state.sum),
      _sample(`${name}_count`, labels, state.count)
    ]]
    : MetricState.isSummaryState(state)
    ? ["summary", [
      ...state.quantiles.map(([q, v]) => _sample(name, [...labels, ["quantile", String(q)]], Option.getOrElse(v, () => Number.NaN))),
      _sample(`${name}_sum`, labels, state.sum),
      _sample(`${name}_count`, labels, state.count)
    ]]
    : MetricState.isFrequencyState(state)
    ? ["counter", Array.from(state.occurrences, ([key, n]) => _sample(name, [...labels, ["key", key]], n))]
    : undefined

/**
 * Render `pairs` (e.g. `Metric.unsafeSnapshot()`), families sorted by name. A key whose type differs from
 * the first one of its name is left out: one name, one type, or scrapers reject the whole page.
 */
const render = (pairs: ReadonlyArray<MetricPair.MetricPair.Untyped>): string => {
  const families = new Map<string, _Family>()
  pairs.forEach(({ metricKey, metricState }) => {
    const key = metricKey as unknown as _Untyped
    const name = _name(key.name)
    const labels = key.tags.map((t): _Label => [_name(t.key, false), t.value])
    const samples = _samples(name, labels, metricState)
    const family = families.get(name) ?? (samples === undefined
      ? undefined
      : { name, kind: samples[0], help: Option.getOrElse(key.description, () => ""), lines: [] })
    return samples === undefined || family === undefined || family.kind !== samples[0]
      ? undefined
      : (family.lines.push(...samples[1]), families.set(name, family))
  })
  return [...families.values()]
    .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    .flatMap((f) => [
      ...(f.help === "" ? [] : [`# HELP ${f.name} ${_escapeHelp(f.help)}`]),
      `# TYPE ${f.name} ${f.kind}`,
      ...f.lines
    ])
    .join("\n") + "\n"
}

/** The content type scrapers expect for this format. */
const contentType = "text/plain; version=0.0.4; charset=utf-8"

export const Prometheus = { render, contentType } as const
