/**
 * Golden scenario `large`: a contract too big for one file per module (many public RPCs, an entity with
 * many messages, many events, many schedules). Its generated modules are split into part files that the
 * main files merge; every file stays under the house limit, compiles and lints.
 */
import { Contract } from "effect-contracts"
import * as Schema from "effect/Schema"

const _Id = Schema.String.pipe(Schema.brand("ShelfId"))
const _Book = Schema.Struct({ id: _Id, title: Schema.String, pages: Schema.Int, tags: Schema.Array(Schema.String) })

export default Contract.make("large", {
  events: {
    /** Event number 0. */
    Happened0: Contract.event({ payload: _Book, key: (e) => `${e.id}/0` }),
    /** Event number 1. */
    Happened1: Contract.event({ payload: _Book, key: (e) => `${e.id}/1` }),
    /** Event number 2. */
    Happened2: Contract.event({ payload: _Book, key: (e) => `${e.id}/2` }),
    /** Event number 3. */
    Happened3: Contract.event({ payload: _Book, key: (e) => `${e.id}/3` }),
    /** Event number 4. */
    Happened4: Contract.event({ payload: _Book, key: (e) => `${e.id}/4` }),
    /** Event number 5. */
    Happened5: Contract.event({ payload: _Book, key: (e) => `${e.id}/5` }),
    /** Event number 6. */
    Happened6: Contract.event({ payload: _Book, key: (e) => `${e.id}/6` }),
    /** Event number 7. */
    Happened7: Contract.event({ payload: _Book, key: (e) => `${e.id}/7` }),
    /** Event number 8. */
    Happened8: Contract.event({ payload: _Book, key: (e) => `${e.id}/8` }),
    /** Event number 9. */
    Happened9: Contract.event({ payload: _Book, key: (e) => `${e.id}/9` }),
    /** Event number 10. */
    Happened10: Contract.event({ payload: _Book, key: (e) => `${e.id}/10` }),
    /** Event number 11. */
    Happened11: Contract.event({ payload: _Book, key: (e) => `${e.id}/11` }),
    /** Event number 12. */
    Happened12: Contract.event({ payload: _Book, key: (e) => `${e.id}/12` }),
    /** Event number 13. */
    Happened13: Contract.event({ payload: _Book, key: (e) => `${e.id}/13` }),
    /** Event number 14. */
    Happened14: Contract.event({ payload: _Book, key: (e) => `${e.id}/14` }),
    /** Event number 15. */
    Happened15: Contract.event({ payload: _Book, key: (e) => `${e.id}/15` }),
    /** Event number 16. */
    Happened16: Contract.event({ payload: _Book, key: (e) => `${e.id}/16` }),
    /** Event number 17. */
    Happened17: Contract.event({ payload: _Book, key: (e) => `${e.id}/17` }),
    /** Event number 18. */
    Happened18: Contract.event({ payload: _Book, key: (e) => `${e.id}/18` }),
    /** Event number 19. */
    Happened19: Contract.event({ payload: _Book, key: (e) => `${e.id}/19` }),
    /** Event number 20. */
    Happened20: Contract.event({ payload: _Book, key: (e) => `${e.id}/20` }),
    /** Event number 21. */
    Happened21: Contract.event({ payload: _Book, key: (e) => `${e.id}/21` }),
    /** Event number 22. */
    Happened22: Contract.event({ payload: _Book, key: (e) => `${e.id}/22` }),
    /** Event number 23. */
    Happened23: Contract.event({ payload: _Book, key: (e) => `${e.id}/23` }),
    /** Event number 24. */
    Happened24: Contract.event({ payload: _Book, key: (e) => `${e.id}/24` }),
    /** Event number 25. */
    Happened25: Contract.event({ payload: _Book, key: (e) => `${e.id}/25` }),
    /** Event number 26. */
    Happened26: Contract.event({ payload: _Book, key: (e) => `${e.id}/26` }),
    /** Event number 27. */
    Happened27: Contract.event({ payload: _Book, key: (e) => `${e.id}/27` }),
    /** Event number 28. */
    Happened28: Contract.event({ payload: _Book, key: (e) => `${e.id}/28` }),
    /** Event number 29. */
    Happened29: Contract.event({ payload: _Book, key: (e) => `${e.id}/29` })
  },
  rpcs: {
    /** Public RPC number 0. */
    Get0: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 1. */
    Get1: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 2. */
    Get2: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 3. */
    Get3: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 4. */
    Get4: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 5. */
    Get5: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 6. */
    Get6: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 7. */
    Get7: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 8. */
    Get8: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 9. */
    Get9: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 10. */
    Get10: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 11. */
    Get11: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 12. */
    Get12: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 13. */
    Get13: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 14. */
    Get14: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 15. */
    Get15: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 16. */
    Get16: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 17. */
    Get17: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 18. */
    Get18: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 19. */
    Get19: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 20. */
    Get20: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 21. */
    Get21: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 22. */
    Get22: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 23. */
    Get23: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 24. */
    Get24: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 25. */
    Get25: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 26. */
    Get26: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 27. */
    Get27: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 28. */
    Get28: Contract.rpc({ payload: { id: _Id }, success: _Book }),
    /** Public RPC number 29. */
    Get29: Contract.rpc({ payload: { id: _Id }, success: _Book })
  },
  entities: {
    Shelf: Contract.entity({
      rpcs: {
        Put0: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/0` }),
        Peek1: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put2: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/2` }),
        Peek3: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put4: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/4` }),
        Peek5: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put6: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/6` }),
        Peek7: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put8: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/8` }),
        Peek9: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put10: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/10` }),
        Peek11: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put12: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/12` }),
        Peek13: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put14: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/14` }),
        Peek15: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put16: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/16` }),
        Peek17: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put18: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/18` }),
        Peek19: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put20: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/20` }),
        Peek21: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put22: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/22` }),
        Peek23: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put24: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/24` }),
        Peek25: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put26: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/26` }),
        Peek27: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) }),
        Put28: Contract.rpc({ payload: _Book, success: _Book, persisted: true, primaryKey: (b) => `${b.id}/28` }),
        Peek29: Contract.rpc({ payload: { id: _Id }, success: Schema.NullOr(_Book) })
      }
    })
  },
  schedules: {
    Tick0: Contract.schedule({ cron: "0 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick1: Contract.schedule({ cron: "1 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick2: Contract.schedule({ cron: "2 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick3: Contract.schedule({ cron: "3 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick4: Contract.schedule({ cron: "4 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick5: Contract.schedule({ cron: "5 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick6: Contract.schedule({ cron: "6 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick7: Contract.schedule({ cron: "7 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick8: Contract.schedule({ cron: "8 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick9: Contract.schedule({ cron: "9 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick10: Contract.schedule({ cron: "10 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick11: Contract.schedule({ cron: "11 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick12: Contract.schedule({ cron: "12 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick13: Contract.schedule({ cron: "13 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick14: Contract.schedule({ cron: "14 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick15: Contract.schedule({ cron: "15 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick16: Contract.schedule({ cron: "16 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick17: Contract.schedule({ cron: "17 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick18: Contract.schedule({ cron: "18 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick19: Contract.schedule({ cron: "19 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick20: Contract.schedule({ cron: "20 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick21: Contract.schedule({ cron: "21 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick22: Contract.schedule({ cron: "22 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick23: Contract.schedule({ cron: "23 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick24: Contract.schedule({ cron: "24 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick25: Contract.schedule({ cron: "25 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick26: Contract.schedule({ cron: "26 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick27: Contract.schedule({ cron: "27 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick28: Contract.schedule({ cron: "28 * * * *", skipIfOlderThan: "5 minutes" }),
    Tick29: Contract.schedule({ cron: "29 * * * *", skipIfOlderThan: "5 minutes" })
  }
})
