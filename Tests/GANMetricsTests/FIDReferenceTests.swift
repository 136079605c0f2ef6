import Foundation
import GANCore
import GANIO
import GANMetrics
import Testing

/// FID and KID end to end on real images against pytorch-fid's computation with the TorchScript
/// network (Fixtures/make_fid_reference_fixtures.py): 200 EmojiOne PNGs against the next 200, and
/// against 200 Fashion-MNIST images, to 0.5 %. Runs the network on 600 images: about 8½ minutes
/// on the project's 2-core machine. Skipped when the Inception weights are absent
/// (`gankit weights` gets them).
@Suite struct FIDReferenceTests {
    struct Pair: Decodable { let fid: Double; let kid: Double }
    // The property names are the keys of the fixture file.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Fixture: Decodable {
        let emoji_a_vs_emoji_b: Pair
        let emoji_a_vs_fashion: Pair
        let emoji_a_first_features: [Double]
    }

    static var weightsAreInstalled: Bool { (try? InceptionWeights.load()) != nil }
    /// Where Debian's `ruby-gemojione` installs the EmojiOne PNGs.
    static let emojiFolder = "/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png"

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "fid_reference_fixtures", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test(.enabled(if: weightsAreInstalled, "the Inception weights are absent: `gankit weights` gets them"))
    func fidAndKIDMatchPytorchFIDOnDebianImages() throws {
        let expected = try Self.fixture()
        let network = try InceptionV3(weights: try InceptionWeights.load())
        let emoji = try ImageFolder(nativeResolution: Self.emojiFolder, channels: 3, limit: 400).tensor
        let fashion = try IDXDataset.fashionMNIST(limit: 200, resolution: 28, channels: 1).tensor
        let a = network.features(batchedOver: EightBitImages.fromSigned(emoji.slice(axis: 0, range: 0..<200)))
        let b = network.features(batchedOver: EightBitImages.fromSigned(emoji.slice(axis: 0, range: 200..<400)))
        let f = network.features(batchedOver: EightBitImages.fromSigned(fashion))
        for (i, value) in expected.emoji_a_first_features.enumerated() {
            #expect(abs(Double(a[0, i]) - value) <= 1e-3 + 1e-2 * abs(value), "feature \(i): \(a[0, i]) against \(value)")
        }
        let all = Array(0..<200)
        for (name, other, reference) in [("emoji B", b, expected.emoji_a_vs_emoji_b), ("Fashion-MNIST", f, expected.emoji_a_vs_fashion)] {
            let fid = try FrechetInceptionDistance.distance(a, other)
            let kid = KernelInceptionDistance.estimate(real: a, fake: other, subsets: [(all, all)]).mean
            #expect(abs(fid - reference.fid) <= 0.005 * reference.fid, "emoji A vs \(name): FID \(fid) against \(reference.fid)")
            #expect(abs(kid - reference.kid) <= 0.005 * reference.kid, "emoji A vs \(name): KID \(kid) against \(reference.kid)")
        }
    }
}
