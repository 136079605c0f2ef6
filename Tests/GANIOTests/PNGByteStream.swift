import Foundation

/// Hand-made PNG files, built byte by byte from the PNG specification (ISO/IEC 15948) without
/// libpng or zlib, so the reader is checked against an independent encoder: chunks with their
/// CRC-32, and image data as a zlib stream of stored (uncompressed) deflate blocks with its
/// Adler-32.
enum PNGByteStream {
    /// PNG colour types.
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
    }

    /// A PNG of `rows` (each the packed samples of one row, without filter byte), `width` pixels
    /// wide; `palette` (RGB triples) and `transparency` (the tRNS payload) when given.
    static func png(width: Int, colorType: ColorType, bitDepth: UInt8, rows: [[UInt8]],
                    palette: [UInt8]? = nil, transparency: [UInt8]? = nil) -> Data {
        var ihdr = bigEndian(UInt32(width)) + bigEndian(UInt32(rows.count))
        ihdr += [bitDepth, colorType.rawValue, 0, 0, 0]
        var file = Data([137, 80, 78, 71, 13, 10, 26, 10])
        file += chunk("IHDR", ihdr)
        if let palette { file += chunk("PLTE", palette) }
        if let transparency { file += chunk("tRNS", transparency) }
        file += chunk("IDAT", zlibStored(rows.flatMap { [0] + $0 }))   // filter type 0 on every row
        file += chunk("IEND", [])
        return file
    }

    /// Big-endian 16-bit samples as bytes.
    static func samples16(_ values: [UInt16]) -> [UInt8] { values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ payload: [UInt8]) -> Data {
        let typed = Array(type.utf8) + payload
        return Data(bigEndian(UInt32(payload.count)) + typed + bigEndian(crc32(typed)))
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        return out + bigEndian(adler32(data))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
