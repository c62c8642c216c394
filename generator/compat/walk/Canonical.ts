/**
 * Canonical JSON (sorted keys, no `undefined`) and structural equality of plain data, whatever the key
 * order: the lockfile's bytes and hashes, and the walker's test for unchanged subtrees. Pure.
 */
type _Rec = Readonly<Record<string, unknown>>

const _defined = (o: _Rec): ReadonlyArray<string> => Object.keys(o).filter((k) => o[k] !== undefined)

/** The canonical JSON text of `value`. */
const of = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map((v) => of(v ?? null)).join(",")}]`
    : typeof value === "object" && value !== null
    ? `{${[..._defined(value as _Rec)].sort().map((k) => `${JSON.stringify(k)}:${of((value as _Rec)[k])}`).join(",")}}`
    : JSON.stringify(value)

/** Whether `a` and `b` are the same data (key order and `undefined` members ignored). */
const equal = (a: unknown, b: unknown): boolean => {
  const ka = typeof a === "object" && a !== null && !Array.isArray(a) ? _defined(a as _Rec) : undefined
  const kb = typeof b === "object" && b !== null && !Array.isArray(b) ? _defined(b as _Rec) : undefined
  return a === b ||
    (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]))) ||
    (ka !== undefined && kb !== undefined && ka.length === kb.length && ka.every((k) => equal((a as _Rec)[k], (b as _Rec)[k])))
}

export const Canonical = { of, equal } as const
