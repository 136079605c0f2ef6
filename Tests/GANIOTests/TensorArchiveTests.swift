import Foundation
import GANCore
import GANIO
import Testing

/// Tensor archives without a pipeline: a named tensor set round-trips bit for bit, and a wrong
/// format name or a corrupt blob is an error naming the file and the key or tensor.
@Suite struct TensorArchiveTests {
    static var tensors: [String: Tensor] { [
        "net.conv.weight": Tensor(shape: [2, 1, 2, 2], values: [1, -2, 3.5, -0, .nan, 6, 7, 8]),
        "net.conv.beta": Tensor(shape: [2], values: [0.25, -0.5]),
        "scalar": Tensor(shape: [], values: [42]),
    ] }

    @Test func aNamedTensorSetRoundTripsBitForBit() throws {
        try TemporaryFolder.with { folder in
            let url = URL(fileURLWithPath: folder.path).appendingPathComponent("weights")
            try TensorArchive.write(Self.tensors, format: "test weights", to: url)
            let loaded = try TensorArchive.read(from: url, format: "test weights")
            #expect(loaded.keys.sorted() == Self.tensors.keys.sorted())
            for (name, tensor) in Self.tensors {
                #expect(loaded[name]?.shape == tensor.shape, "\(name)")
                #expect(loaded[name]?.scalars.map(\.bitPattern) == tensor.scalars.map(\.bitPattern), "\(name)")
            }
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("manifest.json"))) as! [String: Any]
            #expect(manifest["metadata"] == nil)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["weights"])
        }
    }

    @Test func anotherFormatNameIsAnErrorNamingTheManifestAndKey() throws {
        try TemporaryFolder.with { folder in
            let url = URL(fileURLWithPath: folder.path).appendingPathComponent("weights")
            try TensorArchive.write(Self.tensors, format: "test weights", to: url)
            #expect {
                try TensorArchive.read(from: url, format: "other weights")
            } throws: { error in
                guard case .invalidTensorArchive(let path, let reason) = error as? GANIOError else { return false }
                return path == url.appendingPathComponent("manifest.json").path
                    && reason.contains("key 'format' is 'test weights', expected 'other weights'")
            }
        }
    }

    @Test func flippedByteIsACRCErrorNamingTheBlobAndTensor() throws {
        try TemporaryFolder.with { folder in
            let url = URL(fileURLWithPath: folder.path).appendingPathComponent("weights")
            try TensorArchive.write(Self.tensors, format: "test weights", to: url)
            let blob = url.appendingPathComponent("tensors.bin")
            var bytes = try Data(contentsOf: blob)
            bytes[0] ^= 0x01  // the first tensor in name order: net.conv.beta
            try bytes.write(to: blob)
            #expect {
                try TensorArchive.read(from: url, format: "test weights")
            } throws: { error in
                guard case .invalidTensorArchive(let path, let reason) = error as? GANIOError else { return false }
                return path == blob.path && reason.contains("'net.conv.beta'") && reason.contains("CRC-32")
            }
        }
    }
}
