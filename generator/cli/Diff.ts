/**
 * A unified diff of two texts, line by line (longest common subsequence), for `codegen --check`: what a
 * stale generated file on disk has against what codegen would write. Pure; generated files are small.
 */

type _Op = { readonly kind: " " | "-" | "+"; readonly text: string; readonly a: number; readonly b: number }

/** The edit script from `a` to `b`: kept, removed and added lines with their 1-based positions. */
const _ops = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): ReadonlyArray<_Op> => {
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const ops: Array<_Op> = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const same = i < a.length && j < b.length && a[i] === b[j]
    const remove = !same && i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)
    ops.push(same
      ? { kind: " ", text: a[i]!, a: ++i, b: ++j }
      : remove
      ? { kind: "-", text: a[i]!, a: ++i, b: j }
      : { kind: "+", text: b[j]!, a: i, b: ++j })
  }
  return ops
}

/** Hunks of changed lines with `context` unchanged lines around them, as `@@ -a,n +b,m @@` blocks. */
const unified = (before: string, after: string, names: { readonly a: string; readonly b: string }, context = 3): string => {
  const ops = _ops(before.split("\n"), after.split("\n"))
  const changed = ops.flatMap((o, k) => o.kind === " " ? [] : [k])
  const hunks = changed.reduce<Array<[number, number]>>((acc, k) => {
    const last = acc[acc.length - 1]
    return last !== undefined && k - last[1] <= 2 * context
      ? [...acc.slice(0, -1), [last[0], k]]
      : [...acc, [k, k]]
  }, [])
  const body = hunks.flatMap(([from, to]) => {
    const lines = ops.slice(Math.max(0, from - context), Math.min(ops.length, to + context + 1))
    const first = lines[0]!
    const aStart = first.kind === "+" ? first.a + 1 : first.a
    const bStart = first.kind === "-" ? first.b + 1 : first.b
    const aCount = lines.filter((o) => o.kind !== "+").length
    const bCount = lines.filter((o) => o.kind !== "-").length
    return [`@@ -${aStart},${aCount} +${bStart},${bCount} @@`, ...lines.map((o) => `${o.kind}${o.text}`)]
  })
  return body.length === 0 ? "" : [`--- ${names.a}`, `+++ ${names.b}`, ...body].join("\n")
}

export const Diff = { unified } as const
