import Foundation
import GANCore
import GANIO
import GANTestSupport
import Testing

/// Bounded random-mutation fuzzing of the readers that take files from outside (issue 11,
/// item 6): 10 000 mutated inputs each for the PNG reader, the IDX reader and the checkpoint
/// reader, from fixed seeds so a failure is reproducible. Every input must either load or be
/// refused with a `GANIOError`; a crash fails the whole test run. A checkpoint that loads must
/// also restore into a pipeline without crashing. Crashes found become regression tests in
/// `CheckpointMetadataTests`.
@Suite struct ReaderFuzzTests {
    static let inputs = 10_000

    /// The chunk CRCs of a PNG recomputed, so that mutations reach libpng's decoder instead of
    /// stopping at its CRC check.
    static func withFixedChunkCRCs(_ png: [UInt8]) -> [UInt8] {
        var bytes = png
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard length <= bytes.count - offset - 12 else { break }
            let crc = PNGByteStream.bigEndian(PNGByteStream.crc32(Array(bytes[offset + 4..<offset + 8 + length])))
            bytes.replaceSubrange(offset + 8 + length..<offset + 12 + length, with: crc)
            offset += 12 + length
        }
        return bytes
    }

    @Test func mutatedPNGsLoadOrAreRefusedWithAGANIOError() throws {
        var rng = RandomSource(seed: 1)
        let corpus: [[UInt8]] = try [
            [UInt8](PNGImage(tensor: Tensor.uniform([3, 5, 4], low: -1, high: 1, using: &rng)).pngData()),
            [UInt8](PNGImage(tensor: Tensor.uniform([1, 3, 7], low: -1, high: 1, using: &rng)).pngData()),
            [UInt8](PNGByteStream.png(width: 2, colorType: .palette, bitDepth: 8, rows: [[0, 1], [1, 0]],
                                      palette: [255, 0, 0, 0, 255, 0], transparency: [128])),
            [UInt8](PNGByteStream.png(width: 2, colorType: .grayAlpha, bitDepth: 16, rows: [PNGByteStream.samples16([1, 2, 3, 4])])),
        ]
        var mutator = ByteMutator(seed: 11)
        var loaded = 0
        for i in 0..<Self.inputs {
            var bytes = mutator.mutate(corpus[i % corpus.count])
            if i % 2 == 0 { bytes = Self.withFixedChunkCRCs(bytes) }
            do {
                _ = try PNGImage(pngData: Data(bytes), name: "fuzz-\(i)")
                loaded += 1
            } catch {
                // Typed throws: every refusal is a GANIOError naming the input.
                #expect(String(describing: error).contains("fuzz-\(i)"), "input \(i): \(error)")
            }
        }
        #expect(loaded > 0 && loaded < Self.inputs, "the mutations neither all pass nor all fail (\(loaded) loaded)")
    }

    @Test func mutatedIDXFilesLoadOrAreRefusedWithAGANIOError() throws {
        try TemporaryFolder.with { folder in
            let images = IDXBytes.images([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], side: 2)
            let corpus: [([UInt8], Int)] = [([UInt8](images), 3), ([UInt8](IDXBytes.labels([0, 1, 2, 9])), 1),
                                            ([UInt8](IDXBytes.gzip(images)), 3)]
            var mutator = ByteMutator(seed: 12)
            var loaded = 0
            for i in 0..<Self.inputs {
                let (seed, rank) = corpus[i % corpus.count]
                let path = try folder.write(Data(mutator.mutate(seed)), to: "fuzz.idx")
                do {
                    let file = try IDXFile(contentsOfFile: path, rank: rank)
                    #expect(file.bytes.count == file.dimensions.reduce(1, *))
                    loaded += 1
                } catch {
                    #expect(String(describing: error).contains(path), "input \(i): \(error)")
                }
            }
            #expect(loaded > 0 && loaded < Self.inputs, "\(loaded) loaded")
        }
    }

    @Test func mutatedCheckpointManifestsLoadAndRestoreOrAreRefused() throws {
        try TemporaryFolder.with { folder in
            let checkpoint = try #require(Checkpoint.latest(in: CheckpointTests.trainedRun(folder)))
            let manifest = checkpoint.appendingPathComponent("manifest.json")
            let original = [UInt8](try Data(contentsOf: manifest))
            let pipeline = try CheckpointTests.builder().build()
            var mutator = ByteMutator(seed: 13)
            var loaded = 0, restored = 0
            for i in 0..<Self.inputs {
                try Data(mutator.mutate(original)).write(to: manifest)
                let snapshot: PipelineSnapshot
                do {
                    snapshot = try Checkpoint.load(from: checkpoint)
                    loaded += 1
                } catch {
                    #expect(String(describing: error).contains(manifest.path) || String(describing: error).contains(checkpoint.path), "input \(i): \(error)")
                    continue
                }
                do {
                    try pipeline.restore(snapshot)
                    restored += 1
                } catch {
                    #expect(error is GANCoreError, "input \(i): \(error)")
                }
            }
            #expect(loaded > 0 && loaded < Self.inputs && restored > 0, "\(loaded) loaded, \(restored) restored")
        }
    }
}
