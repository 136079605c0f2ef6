import Foundation

/// Reads Python pickles (protocols 2 to 4) without Python: the subset of opcodes that PyTorch's
/// TorchScript `data.pkl` uses, plus those Python's own pickler writes for plain data (ints,
/// floats, strings, bytes, tuples, lists, dicts). Opcode values and semantics are CPython's
/// `Lib/pickletools.py`. Nothing is ever executed: globals, calls and persistent ids come back
/// as `PickleValue`s for the caller to interpret.
///
/// Any other opcode, a truncated stream or a malformed one (a pop from an empty stack, a memo
/// key never stored) is a `GANMetricsError.corruptPickle` naming the file, the opcode and its
/// byte offset — never a crash.
public enum PickleReader {
    /// The deepest nesting of containers accepted, so a self-referencing pickle is an error
    /// rather than an endless recursion.
    static let maximumDepth = 1000

    /// Decodes the pickle `bytes`; `path` names it in errors.
    public static func read(_ bytes: Data, path: String) throws(GANMetricsError) -> PickleValue {
        var machine = Machine(bytes: bytes.startIndex == 0 ? bytes : Data(bytes), path: path)
        return try machine.run()
    }

    /// A list, dict or object under construction: mutable and shared between the stack and the
    /// memo, as in Python, until the pickle is complete.
    private final class Container {
        enum Kind { case list, dict, object(callable: Item, arguments: [Item]) }
        let kind: Kind
        var items: [Item] = []
        var entries: [(Item, Item)] = []
        var state: Item?
        init(_ kind: Kind) { self.kind = kind }
    }

    /// A stack or memo slot.
    private indirect enum Item {
        case leaf(PickleValue)
        case tuple([Item])
        case container(Container)
        case persistentID(Item)
    }

    /// The pickle virtual machine: a stack, the positions of its marks, and the memo.
    private struct Machine {
        let bytes: Data
        let path: String
        var position = 0
        var stack: [Item] = []
        var marks: [Int] = []
        var memo: [Int: Item] = [:]
        /// Where the current opcode starts and what it is, for error messages.
        var opcodeStart = 0
        var opcodeName = ""

        init(bytes: Data, path: String) {
            self.bytes = bytes
            self.path = path
        }

        func fault(_ reason: String) -> GANMetricsError {
            .corruptPickle(path: path, reason: "\(opcodeName.isEmpty ? "" : "\(opcodeName) at byte \(opcodeStart): ")\(reason)")
        }

        mutating func run() throws(GANMetricsError) -> PickleValue {
            while true {
                opcodeStart = position
                opcodeName = ""
                let code = try byte()
                switch code {
                case 0x80: opcodeName = "PROTO"; let version = try byte()
                    guard version <= 5 else { throw fault("protocol \(version) is unknown") }
                case 0x95: opcodeName = "FRAME"; _ = try take(8)
                case 0x2E: opcodeName = "STOP"
                    let result = try pop()
                    return try freeze(result, depth: 0)
                case 0x28: opcodeName = "MARK"; marks.append(stack.count)
                case 0x30: opcodeName = "POP"; _ = try pop()
                case 0x31: opcodeName = "POP_MARK"; _ = try popMark()
                case 0x32: opcodeName = "DUP"; push(try top())
                case 0x4E: opcodeName = "NONE"; push(.leaf(.none))
                case 0x88: opcodeName = "NEWTRUE"; push(.leaf(.bool(true)))
                case 0x89: opcodeName = "NEWFALSE"; push(.leaf(.bool(false)))
                case 0x4A: opcodeName = "BININT"; push(.leaf(.int(Int(Int32(bitPattern: UInt32(try littleEndian(4)))))))
                case 0x4B: opcodeName = "BININT1"; push(.leaf(.int(Int(try byte()))))
                case 0x4D: opcodeName = "BININT2"; push(.leaf(.int(Int(try littleEndian(2)))))
                case 0x8A: opcodeName = "LONG1"; push(.leaf(.int(try long(count: Int(try byte())))))
                case 0x47: opcodeName = "BINFLOAT"
                    let raw = try take(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                    push(.leaf(.float(Double(bitPattern: raw))))
                case 0x58: opcodeName = "BINUNICODE"; push(.leaf(.string(try string(count: Int(try littleEndian(4))))))
                case 0x8C: opcodeName = "SHORT_BINUNICODE"; push(.leaf(.string(try string(count: Int(try byte())))))
                case 0x8D: opcodeName = "BINUNICODE8"; push(.leaf(.string(try string(count: try length(8)))))
                case 0x43: opcodeName = "SHORT_BINBYTES"; push(.leaf(.bytes(try take(Int(try byte())))))
                case 0x42: opcodeName = "BINBYTES"; push(.leaf(.bytes(try take(Int(try littleEndian(4))))))
                case 0x29: opcodeName = "EMPTY_TUPLE"; push(.tuple([]))
                case 0x74: opcodeName = "TUPLE"; push(.tuple(try popMark()))
                case 0x85: opcodeName = "TUPLE1"; push(.tuple(try pop(1)))
                case 0x86: opcodeName = "TUPLE2"; push(.tuple(try pop(2)))
                case 0x87: opcodeName = "TUPLE3"; push(.tuple(try pop(3)))
                case 0x5D: opcodeName = "EMPTY_LIST"; push(.container(Container(.list)))
                case 0x6C: opcodeName = "LIST"
                    let list = Container(.list)
                    list.items = try popMark()
                    push(.container(list))
                case 0x61: opcodeName = "APPEND"
                    let item = try pop()
                    try container(.list).items.append(item)
                case 0x65: opcodeName = "APPENDS"
                    let items = try popMark()
                    try container(.list).items += items
                case 0x7D: opcodeName = "EMPTY_DICT"; push(.container(Container(.dict)))
                case 0x64: opcodeName = "DICT"
                    let dict = Container(.dict)
                    dict.entries = try pairs(try popMark())
                    push(.container(dict))
                case 0x73: opcodeName = "SETITEM"
                    let pair = try pop(2)
                    try container(.dict).entries.append((pair[0], pair[1]))
                case 0x75: opcodeName = "SETITEMS"
                    let items = try pairs(try popMark())
                    try container(.dict).entries += items
                case 0x63: opcodeName = "GLOBAL"
                    let module = try line()
                    push(.leaf(.global(module: module, name: try line())))
                case 0x93: opcodeName = "STACK_GLOBAL"
                    let names = try pop(2)
                    guard case .leaf(.string(let module)) = names[0], case .leaf(.string(let name)) = names[1] else {
                        throw fault("the module and name are not strings")
                    }
                    push(.leaf(.global(module: module, name: name)))
                case 0x52: opcodeName = "REDUCE"
                    let call = try pop(2)
                    try push(object(callable: call[0], arguments: call[1]))
                case 0x81: opcodeName = "NEWOBJ"
                    let call = try pop(2)
                    try push(object(callable: call[0], arguments: call[1]))
                case 0x62: opcodeName = "BUILD"
                    let state = try pop()
                    guard case .container(let target) = try top(), case .object = target.kind else {
                        throw fault("the object to build is not one made by REDUCE or NEWOBJ")
                    }
                    target.state = state
                case 0x51: opcodeName = "BINPERSID"; push(.persistentID(try pop()))
                case 0x71: opcodeName = "BINPUT"; memo[Int(try byte())] = try top()
                case 0x72: opcodeName = "LONG_BINPUT"; memo[Int(try littleEndian(4))] = try top()
                case 0x94: opcodeName = "MEMOIZE"; memo[memo.count] = try top()
                case 0x68: opcodeName = "BINGET"; push(try recall(Int(try byte())))
                case 0x6A: opcodeName = "LONG_BINGET"; push(try recall(Int(try littleEndian(4))))
                default:
                    throw fault("opcode 0x\(String(code, radix: 16)) at byte \(opcodeStart) is not supported by this reader")
                }
            }
        }

        // MARK: Stack

        mutating func push(_ item: Item) { stack.append(item) }

        mutating func pop() throws(GANMetricsError) -> Item {
            guard stack.count > (marks.last ?? 0) else { throw fault("the stack is empty") }
            return stack.removeLast()
        }

        /// The top `count` items, deepest first.
        mutating func pop(_ count: Int) throws(GANMetricsError) -> [Item] {
            guard stack.count - count >= (marks.last ?? 0) else { throw fault("the stack holds fewer than \(count) items") }
            defer { stack.removeLast(count) }
            return Array(stack.suffix(count))
        }

        /// The items above the last mark, which is removed.
        mutating func popMark() throws(GANMetricsError) -> [Item] {
            guard let mark = marks.popLast() else { throw fault("there is no mark") }
            defer { stack.removeLast(stack.count - mark) }
            return Array(stack[mark...])
        }

        func top() throws(GANMetricsError) -> Item {
            guard let item = stack.last, stack.count > (marks.last ?? 0) else { throw fault("the stack is empty") }
            return item
        }

        func recall(_ key: Int) throws(GANMetricsError) -> Item {
            guard let item = memo[key] else { throw fault("memo key \(key) was never stored") }
            return item
        }

        /// The container on top of the stack, which must be a list or a dict as `kind` says.
        func container(_ kind: Container.Kind) throws(GANMetricsError) -> Container {
            let wanted: String
            switch kind { case .list: wanted = "list"; case .dict: wanted = "dict"; case .object: wanted = "object" }
            guard case .container(let target) = try top() else { throw fault("the target is not a \(wanted)") }
            switch (target.kind, kind) {
            case (.list, .list), (.dict, .dict): return target
            default: throw fault("the target is not a \(wanted)")
            }
        }

        /// Alternating keys and values as pairs.
        func pairs(_ items: [Item]) throws(GANMetricsError) -> [(Item, Item)] {
            guard items.count % 2 == 0 else { throw fault("an odd number of items (\(items.count)) for keys and values") }
            return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
        }

        /// A call's result: an OrderedDict() is an empty dict, anything else an object.
        func object(callable: Item, arguments: Item) throws(GANMetricsError) -> Item {
            guard case .tuple(let arguments) = arguments else { throw fault("the arguments are not a tuple") }
            if case .leaf(.global(module: "collections", name: "OrderedDict")) = callable, arguments.isEmpty {
                return .container(Container(.dict))
            }
            return .container(Container(.object(callable: callable, arguments: arguments)))
        }

        // MARK: Bytes

        mutating func byte() throws(GANMetricsError) -> UInt8 {
            guard position < bytes.count else { throw fault("the pickle ends without STOP (truncated at byte \(position))") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func take(_ count: Int) throws(GANMetricsError) -> [UInt8] {
            guard count >= 0, count <= bytes.count - position else {
                throw fault("needs \(count) bytes but only \(bytes.count - position) remain (truncated)")
            }
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }

        mutating func littleEndian(_ count: Int) throws(GANMetricsError) -> UInt64 {
            try take(count).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }

        /// An 8-byte length, which must fit the remaining bytes.
        mutating func length(_ count: Int) throws(GANMetricsError) -> Int {
            let value = try littleEndian(count)
            guard value <= UInt64(bytes.count) else { throw fault("length \(value) exceeds the pickle") }
            return Int(value)
        }

        /// A little-endian two's-complement integer of `count` bytes (LONG1); at most 8.
        mutating func long(count: Int) throws(GANMetricsError) -> Int {
            guard count <= 8 else { throw fault("an integer of \(count) bytes does not fit 64 bits") }
            guard count > 0 else { return 0 }
            let raw = try littleEndian(count)
            let shift = UInt64(64 - 8 * count)
            return Int(Int64(bitPattern: raw << shift) >> Int64(shift))
        }

        mutating func string(count: Int) throws(GANMetricsError) -> String {
            let raw = try take(count)
            guard let text = String(validating: raw, as: UTF8.self) else { throw fault("the string is not UTF-8") }
            return text
        }

        /// A newline-terminated ASCII line (GLOBAL's operands).
        mutating func line() throws(GANMetricsError) -> String {
            guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw fault("a name is not terminated by a newline") }
            defer { position = end + 1 }
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }

        // MARK: Result

        /// The finished value of `item`, with containers copied out of their shared boxes.
        func freeze(_ item: Item, depth: Int) throws(GANMetricsError) -> PickleValue {
            guard depth < maximumDepth else { throw fault("nesting deeper than \(maximumDepth) levels (a cycle?)") }
            switch item {
            case .leaf(let value):
                return value
            case .tuple(let items):
                return .tuple(try items.map { (item) throws(GANMetricsError) in try freeze(item, depth: depth + 1) })
            case .persistentID(let id):
                return .persistentID(try freeze(id, depth: depth + 1))
            case .container(let box):
                switch box.kind {
                case .list:
                    return .list(try box.items.map { (item) throws(GANMetricsError) in try freeze(item, depth: depth + 1) })
                case .dict:
                    return .dict(try box.entries.map { (entry) throws(GANMetricsError) in
                        PickleValue.DictEntry(key: try freeze(entry.0, depth: depth + 1), value: try freeze(entry.1, depth: depth + 1))
                    })
                case .object(let callable, let arguments):
                    return .object(callable: try freeze(callable, depth: depth + 1),
                                   arguments: try arguments.map { (item) throws(GANMetricsError) in try freeze(item, depth: depth + 1) },
                                   state: try box.state.map { (state) throws(GANMetricsError) in try freeze(state, depth: depth + 1) })
                }
            }
        }
    }
}
