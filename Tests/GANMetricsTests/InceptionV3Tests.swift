import Foundation
import GANMetrics
import GANTensor
import Testing

/// InceptionV3 against the TorchScript module it was converted from: every block and the
/// end-to-end features on the inputs of Fixtures/make_inception_fixtures.py, to 1e-3
/// relative. Needs the real weights; without them the checks are skipped, saying how to get
/// them.
@Suite struct InceptionV3Tests {
    struct Block: Decodable {
        let name: String, shape: [Int], sum: Double, sumOfSquares: Double, indices: [Int], values: [Float]
    }

    struct Fixture: Decodable { let blocks: [Block], features: [[Float]], grayFeatures: [Float] }

    static let fixture: Fixture = {
        guard let url = Bundle.module.url(forResource: "inception_fixtures", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else {
            fatalError("Fixtures/inception_fixtures.json is missing or malformed; regenerate it with make_inception_fixtures.py")
        }
        return fixture
    }()

    /// The network with the real weights, or nil when they are absent.
    nonisolated(unsafe) static let network: InceptionV3? = {
        guard let weights = try? InceptionWeights.load() else { return nil }
        return try? InceptionV3(weights: weights)
    }()

    static let skipMessage = Comment(rawValue: "the Inception weights are absent; get them with \(InceptionWeights.command)")

    /// images[n, c, h, w] = ((31h + 17w + 7c + 13n + hw) mod 256)/127.5 − 1, as the script.
    static func images() -> Tensor {
        Tensor(shape: [2, 3, 299, 299], values: (0..<(2 * 3 * 299 * 299)).map { (i: Int) -> Float in
            let w = i % 299, h = i / 299 % 299, c = i / (299 * 299) % 3, n = i / (3 * 299 * 299)
            let level: Int = (31 * h + 17 * w + 7 * c + 13 * n + h * w) % 256
            return Float(level) / 127.5 - 1
        })
    }

    /// gray[0, 0, h, w] = ((7h + 3w + hw) mod 32)/31, as the script.
    static func gray() -> Tensor {
        Tensor(shape: [1, 1, 32, 32], values: (0..<1024).map { (i: Int) -> Float in
            let h = i / 32, w = i % 32
            let level: Int = (7 * h + 3 * w + h * w) % 32
            return Float(level) / 31
        })
    }

    /// max |a − e| / max |e| over the pairs.
    static func relativeError(_ actual: [Float], _ expected: [Float]) -> Double {
        let scale = expected.map { Double(abs($0)) }.max() ?? 0
        let error = zip(actual, expected).map { Double(abs($0 - $1)) }.max() ?? 0
        return error / max(scale, 1e-12)
    }

    @Test(.enabled(if: network != nil, skipMessage))
    func everyBlockMatchesTheTorchScriptModule() throws {
        let outputs = try #require(Self.network).blockOutputs(Self.images())
        #expect(outputs.map(\.name) == Self.fixture.blocks.map(\.name))
        for (output, block) in zip(outputs, Self.fixture.blocks) {
            let value = output.value
            #expect(value.shape == block.shape, "\(block.name) shape")
            guard value.shape == block.shape else { continue }
            let scalars = value.scalars
            let sum = scalars.reduce(0.0) { $0 + Double($1) }
            let squares = scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
            let sampled = Self.relativeError(block.indices.map { scalars[$0] }, block.values)
            // Every block ends in a ReLU or a pool of ReLUs: its sum is the sum of magnitudes.
            #expect(abs(sum - block.sum) <= 1e-3 * block.sum, "\(block.name) sum \(sum) vs \(block.sum)")
            #expect(abs(squares - block.sumOfSquares) <= 1e-3 * block.sumOfSquares,
                    "\(block.name) sum of squares \(squares) vs \(block.sumOfSquares)")
            #expect(sampled <= 1e-3, "\(block.name) sampled elements: relative error \(sampled)")
            print("InceptionV3 block \(block.name): sampled relative error \(sampled), sum \(abs(sum - block.sum) / block.sum)")
        }
    }

    @Test(.enabled(if: network != nil, skipMessage))
    func featuresMatchTheTorchScriptModule() throws {
        let network = try #require(Self.network)
        // [−1, 1] back to [0, 1]: features() maps it forward again (exactly, for these values).
        let features = network.features((Self.images() + 1) * 0.5)
        #expect(features.shape == [2, 2048])
        let error = Self.relativeError(features.scalars, Self.fixture.features.flatMap { $0 })
        #expect(error <= 1e-3, "features: relative error \(error)")
        print("InceptionV3 features: relative error \(error)")
    }

    @Test(.enabled(if: network != nil, skipMessage))
    func aGraySmallImageIsPreprocessedAsPytorchFID() throws {
        let features = try #require(Self.network).features(Self.gray())
        #expect(features.shape == [1, 2048])
        let error = Self.relativeError(features.scalars, Self.fixture.grayFeatures)
        #expect(error <= 1e-3, "gray 32×32 features: relative error \(error)")
        print("InceptionV3 gray 32×32 features: relative error \(error)")
    }

    @Test func aMissingTensorIsNamed() {
        #expect(throws: InceptionV3Error.missingTensor(name: "net.layers.conv.weight")) {
            try InceptionV3(weights: [:])
        }
    }

    @Test func aMisShapedTensorIsNamed() {
        let weights = ["net.layers.conv.weight": Tensor.zeros([32, 3, 5, 5])]
        #expect(throws: InceptionV3Error.wrongShape(name: "net.layers.conv.weight", expected: [32, 3, 3, 3], found: [32, 3, 5, 5])) {
            try InceptionV3(weights: weights)
        }
    }
}
