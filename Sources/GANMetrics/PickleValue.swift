/// A value decoded by `PickleReader`: Python's built-in types, plus the three things a pickle
/// can only describe for its reader to interpret — a global name, an object built by calling a
/// global, and a persistent id.
public indirect enum PickleValue: Equatable, Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list([PickleValue])
    /// A dict (or `collections.OrderedDict`), entries in insertion order.
    case dict([DictEntry])
    /// `module.name`, as pushed by GLOBAL or STACK_GLOBAL.
    case global(module: String, name: String)
    /// The result of calling `callable` (REDUCE) or `callable.__new__` (NEWOBJ) with `arguments`,
    /// and the `state` BUILD gave it (nil if none).
    case object(callable: PickleValue, arguments: [PickleValue], state: PickleValue?)
    /// A persistent id (BINPERSID), which the reader of the format resolves; PyTorch uses it for
    /// tensor storages.
    case persistentID(PickleValue)

    /// One key and value of a dict.
    public struct DictEntry: Equatable, Sendable {
        public var key: PickleValue
        public var value: PickleValue

        public init(key: PickleValue, value: PickleValue) {
            self.key = key
            self.value = value
        }
    }
}
