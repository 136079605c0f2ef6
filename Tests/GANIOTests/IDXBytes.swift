import Foundation

/// Tiny IDX files (and their gzip form) made in code.
enum IDXBytes {
    /// An IDX3 file of `side`×`side` images, each given row-major.
    static func images(_ items: [[UInt8]], side: Int) -> Data {
        var bytes: [UInt8] = [0, 0, 0x08, 0x03]
        for d in [items.count, side, side] { bytes += PNGByteStream.bigEndian(UInt32(d)) }
        return Data(bytes + items.flatMap { $0 })
    }

    /// An IDX1 file of labels.
    static func labels(_ labels: [UInt8]) -> Data {
        Data([0, 0, 0x08, 0x01] + PNGByteStream.bigEndian(UInt32(labels.count)) + labels)
    }

    /// A gzip member (RFC 1952) of stored deflate blocks holding `data`.
    static func gzip(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        let zlib = PNGByteStream.zlibStored(bytes)
        let deflate = zlib[2..<(zlib.count - 4)]   // drop the zlib header and Adler-32
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        let trailer = PNGByteStream.bigEndian(PNGByteStream.crc32(bytes)).reversed()
            + PNGByteStream.bigEndian(UInt32(bytes.count)).reversed()
        return Data(header + deflate + trailer)
    }
}
