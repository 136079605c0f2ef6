import Foundation
import GANMetrics
import Testing

/// The pickle reader on pickles Python's pickle wrote (Fixtures/make_fixtures.py) and on corrupt
/// ones, which are errors naming the file and the opcode, never crashes.
@Suite struct PickleReaderTests {
    /// `PLAIN` of make_fixtures.py; `bytes` is the value its `b"\x00\x01\xff"` decodes to.
    static func plain(bytes: PickleValue) -> PickleValue {
        let shared = PickleValue.list([.int(7), .int(8)])
        let entries: [(String, PickleValue)] = [
            ("name", .string("GANKit")),
            ("ints", .list([0, 1, 255, 256, 65535, 65536, -1, -(1 << 31), 1 << 40, -(1 << 40)].map { .int($0) })),
            ("float", .float(1.5)),
            ("nested", .tuple([.int(1), .tuple([.int(2), .int(3)]), .list([.int(4), .dict([.init(key: .string("k"), value: .none)])])])),
            ("flags", .tuple([.bool(true), .bool(false)])),
            ("bytes", bytes),
            ("shared", .tuple([shared, shared])),
        ]
        return .dict(entries.map { .init(key: .string($0.0), value: $0.1) })
    }

    @Test func readsProtocol2AsPythonWroteIt() throws {
        // Protocol 2 has no bytes opcode: Python pickles bytes as a call _codecs.encode(text, 'latin1').
        let bytes = PickleValue.object(callable: .global(module: "_codecs", name: "encode"),
                                       arguments: [.string("\u{0}\u{1}\u{ff}"), .string("latin1")], state: nil)
        #expect(try PickleReader.read(Fixture.data("plain_protocol2.pkl"), path: "p2") == Self.plain(bytes: bytes))
    }

    @Test func readsProtocol4AsPythonWroteIt() throws {
        #expect(try PickleReader.read(Fixture.data("plain_protocol4.pkl"), path: "p4") == Self.plain(bytes: .bytes([0, 1, 255])))
    }

    @Test func anUnknownOpcodeIsAnErrorNamingTheFileAndOffset() {
        // PROTO 2, then 0xff, which is no opcode.
        #expect(throws: GANMetricsError.corruptPickle(path: "bad.pkl", reason: "opcode 0xff at byte 2 is not supported by this reader")) {
            try PickleReader.read(Data([0x80, 0x02, 0xFF, 0x2E]), path: "bad.pkl")
        }
    }

    /// Every cut of a real pickle is an error, never a crash.
    @Test func everyTruncationIsAnError() throws {
        let whole = try Fixture.data("plain_protocol2.pkl")
        for length in 0..<whole.count {
            #expect(throws: GANMetricsError.self, "cut to \(length) bytes") {
                try PickleReader.read(whole.prefix(length), path: "cut.pkl")
            }
        }
    }

    @Test(arguments: [
        ([0x80, 0x02, 0x30, 0x2E], "POP at byte 2: the stack is empty"),
        ([0x80, 0x02, 0x65, 0x2E], "APPENDS at byte 2: there is no mark"),
        ([0x80, 0x02, 0x68, 0x05, 0x2E], "BINGET at byte 2: memo key 5 was never stored"),
        ([0x80, 0x02, 0x4B, 0x01, 0x73, 0x2E], "SETITEM at byte 4: the stack holds fewer than 2 items"),
        ([0x80, 0x02, 0x4B, 0x01, 0x4B, 0x02, 0x62, 0x2E], "BUILD at byte 6: the object to build is not one made by REDUCE or NEWOBJ"),
        // A list that contains itself: EMPTY_LIST, BINPUT 0, BINGET 0, APPEND, STOP.
        ([0x80, 0x02, 0x5D, 0x71, 0x00, 0x68, 0x00, 0x61, 0x2E], "STOP at byte 8: nesting deeper than 1000 levels (a cycle?)"),
    ] as [([UInt8], String)])
    func malformedPicklesAreErrorsNamingTheOpcode(bytes: [UInt8], reason: String) {
        #expect(throws: GANMetricsError.corruptPickle(path: "bad.pkl", reason: reason)) {
            try PickleReader.read(Data(bytes), path: "bad.pkl")
        }
    }
}
