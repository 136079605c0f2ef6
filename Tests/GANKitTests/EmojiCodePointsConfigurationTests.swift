import Foundation
import GANCore
import GANKit
import Testing

/// The `emoji` source's own `codepoints` key, written in a run configuration's `data` section.
@Suite struct EmojiCodePointsConfigurationTests {
    static var hasEmoji: Bool { FileManager.default.fileExists(atPath: TrainingRun.emojiFolder) }

    init() { GANKit.registerBuiltins() }

    @Test(.enabled(if: hasEmoji, "ruby-gemojione is not installed (apt-get install ruby-gemojione)"))
    func theKeyReachesTheSourceAndARandomSubsetDrawsFromWhatItKeeps() throws {
        let smileys = try ConfigurationValidationTests.parse(#"{"data": {"source": "emoji", "resolution": 8, "limit": null, "codepoints": ["1F600-1F644"]}}"#)
        #expect(try TrainingRun.loadData(smileys.data).count == 69)
        let sample = try ConfigurationValidationTests.parse(#"{"data": {"source": "emoji", "resolution": 8, "limit": 10, "subset": "random", "codepoints": ["1F600-1F644"]}}"#)
        #expect(try TrainingRun.loadData(sample.data).count == 10)
    }

    @Test(.enabled(if: hasEmoji, "ruby-gemojione is not installed (apt-get install ruby-gemojione)"))
    func aMalformedRangeIsAnErrorNamingTheKeyAndTheString() throws {
        let c = try ConfigurationValidationTests.parse(#"{"data": {"source": "emoji", "codepoints": ["smile"]}}"#)
        #expect(ConfigurationValidationTests.message { _ = try TrainingRun.loadData(c.data) }
                == #"invalid value in data.codepoints: "smile" is not a code point or a range of them in hexadecimal ("1F600" or "1F600-1F644")"#)
    }

    @Test func aMisspeltKeyIsAnErrorListingTheSourcesOwnKey() {
        #expect(ConfigurationValidationTests.message { _ = try ConfigurationValidationTests.parse(#"{"data": {"source": "emoji", "codepoint": ["1F600"]}}"#) }
                == "unknown key 'codepoint' in run.json: data; known keys: channels, classes, codepoints, limit, path, resolution, source, subset, subsetSeed")
    }
}
