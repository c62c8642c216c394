/**
 * A strict reader of the Prometheus text format for tests: samples keyed `name{labels}` with labels sorted
 * (so the order a renderer writes them in does not matter), and the problems a scraper would reject —
 * malformed lines, samples without a `# TYPE`, a type declared twice, histograms whose buckets are not
 * cumulative or whose `+Inf` bucket is not `_count`.
 */
const _sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (\S+)$/
const _label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/g

interface _Sample {
  readonly name: string
  readonly labels: ReadonlyArray<readonly [string, string]>
  readonly value: number
}

const _number = (text: string) =>
  text === "+Inf" ? Number.POSITIVE_INFINITY : text === "-Inf" ? Number.NEGATIVE_INFINITY : text === "NaN" ? Number.NaN : Number(text)

const _key = (name: string, labels: ReadonlyArray<readonly [string, string]>) => {
  const sorted = [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return sorted.length === 0 ? name : `${name}{${sorted.map(([k, v]) => `${k}="${v}"`).join(",")}}`
}

const _sample = (line: string): _Sample | undefined => {
  const m = _sampleLine.exec(line)
  return m === null || Number.isNaN(_number(m[3]!)) && m[3] !== "NaN"
    ? undefined
    : { name: m[1]!, labels: Array.from((m[2] ?? "").matchAll(_label), (l) => [l[1]!, l[2]!] as const), value: _number(m[3]!) }
}

/** Every sample, by its canonical key (`name{a="1",b="2"}`, labels sorted). */
const parse = (text: string): Map<string, number> =>
  new Map(text.split("\n").filter((l) => l !== "" && !l.startsWith("#")).flatMap((l) => {
    const s = _sample(l)
    return s === undefined ? [] : [[_key(s.name, s.labels), s.value] as const]
  }))

/** What a scraper would reject in `text`; empty when it is well-formed. */
const problems = (text: string): ReadonlyArray<string> => {
  const types = new Map<string, string>()
  const found: Array<string> = []
  const histograms = new Map<string, Array<readonly [number, number]>>()
  const counts = new Map<string, number>()
  text.split("\n").filter((l) => l !== "").forEach((line) => {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line)
    const help = /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)
    const sample = line.startsWith("#") ? undefined : _sample(line)
    const family = sample === undefined ? "" : [sample.name, sample.name.replace(/_(bucket|sum|count)$/, "")].find((n) => types.has(n)) ?? ""
    const rest = sample?.labels.filter(([k]) => k !== "le") ?? []
    return type !== null
      ? (types.has(type[1]!) ? found.push(`TYPE twice: ${line}`) : types.set(type[1]!, type[2]!))
      : help
      ? undefined
      : sample === undefined
      ? found.push(`malformed: ${line}`)
      : family === ""
      ? found.push(`no TYPE for: ${line}`)
      : types.get(family) !== "histogram"
      ? undefined
      : sample.name.endsWith("_bucket")
      ? histograms.set(_key(family, rest), [
        ...(histograms.get(_key(family, rest)) ?? []),
        [_number(sample.labels.find(([k]) => k === "le")?.[1] ?? "NaN"), sample.value]
      ])
      : sample.name.endsWith("_count")
      ? counts.set(_key(family, rest), sample.value)
      : undefined
  })
  histograms.forEach((buckets, key) => {
    const cumulative = buckets.every(([, n], i) => i === 0 || n >= buckets[i - 1]![1])
    const inf = buckets.find(([le]) => le === Number.POSITIVE_INFINITY)?.[1]
    return cumulative && inf !== undefined && inf === counts.get(key) ? undefined : found.push(`bad histogram ${key}: ${JSON.stringify(buckets)}`)
  })
  return found
}

/** A scrape of one pod. */
interface _Scrape {
  readonly contentType: string
  readonly text: string
  readonly samples: ReadonlyMap<string, number>
}

/** The sum of a sample over several scrapes (a missing sample counts 0); `key` is canonicalized like `parse`. */
const sum = (scrapes: ReadonlyArray<_Scrape>, key: string): number => {
  const canonical = [...parse(`${key} 0`).keys()][0] ?? key
  return scrapes.reduce((total, s) => total + (s.samples.get(canonical) ?? 0), 0)
}

export const PromText = { parse, problems, sum } as const

export declare namespace PromText {
  type Scrape = _Scrape
}
