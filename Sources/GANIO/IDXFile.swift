import CZlib
import Foundation

/// An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST (LeCun et al.,
/// http://yann.lecun.com/exdb/mnist/): a big-endian magic number `0x0000_08nn` (`08` = unsigned
/// byte, `nn` = number of dimensions), `nn` big-endian UInt32 extents, then the bytes row-major.
///
/// Plain and gzip-compressed (`.gz`) files are both read, through zlib's `gzread`, which passes
/// uncompressed files through unchanged.
public struct IDXFile: Sendable {
    /// Extents, outermost first (e.g. [60000, 28, 28] for images, [60000] for labels).
    public let dimensions: [Int]
    /// The data bytes, row-major.
    public let bytes: [UInt8]

    /// Reads the IDX file at `path`, which must hold unsigned bytes in `rank` dimensions.
    public init(contentsOfFile path: String, rank: Int) throws(GANIOError) {
        precondition((1...255).contains(rank), "IDXFile: rank \(rank) must be in 1...255")
        let raw = try IDXFile.decompressedContents(of: path)
        guard raw.count >= 4 else {
            throw .unreadableIDX(path: path, reason: "\(raw.count) bytes is too short for an IDX header")
        }
        let magic = IDXFile.bigEndianWord(raw, at: 0)
        let expected = UInt32(0x0800) | UInt32(rank)
        guard magic == expected else { throw .wrongIDXMagic(path: path, found: magic, expected: expected) }
        let header = 4 + 4 * rank
        guard raw.count >= header else {
            throw .unreadableIDX(path: path, reason: "truncated header: \(raw.count) bytes, \(header) needed")
        }
        let dimensions = (0..<rank).map { Int(IDXFile.bigEndianWord(raw, at: 4 + 4 * $0)) }
        let (expectedBytes, overflow) = dimensions.reduce((1, false)) { acc, d in
            let (product, o) = acc.0.multipliedReportingOverflow(by: d)
            return (product, acc.1 || o)
        }
        guard !overflow, raw.count - header == expectedBytes else {
            throw .unreadableIDX(path: path, reason: "header promises \(dimensions) = \(expectedBytes) bytes of data, file holds \(raw.count - header)")
        }
        self.dimensions = dimensions
        self.bytes = Array(raw[header...])
    }

    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    /// The whole file, gunzipped if it is gzip-compressed.
    private static func decompressedContents(of path: String) throws(GANIOError) -> [UInt8] {
        guard let file = gzopen(path, "rb") else {
            throw .unreadableIDX(path: path, reason: String(cString: strerror(errno)))
        }
        defer { gzclose(file) }
        var contents = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if read < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "zlib error \(code)"
                throw .unreadableIDX(path: path, reason: message)
            }
            if read == 0 { break }
            contents.append(contentsOf: chunk[0..<Int(read)])
        }
        return contents
    }
}
