import GANCore
import GANIO
import Testing

/// Picking emoji files by the code points their names write.
@Suite struct CodePointRangesTests {
    @Test func readsSingleCodePointsAndRangesInEitherCase() throws {
        let ranges = try CodePointRanges(["1f600-1F644", "263A", "2639"], context: "data.codepoints")
        #expect(ranges.ranges == [0x1F600...0x1F644, 0x263A...0x263A, 0x2639...0x2639])
        #expect(ranges.description == "1F600-1F644, 263A, 2639")
    }

    @Test func aFileIsInWhenItsFirstCodePointIs() throws {
        let ranges = try CodePointRanges(["1F600-1F644", "1F645"], context: "data.codepoints")
        #expect(ranges.contains(fileName: "1F600.png"))
        #expect(ranges.contains(fileName: "1F644.png"))
        #expect(ranges.contains(fileName: "1F645-1F3FB.png"))
        #expect(ranges.contains(fileName: "1f62d.PNG"))
        #expect(!ranges.contains(fileName: "1F5FF.png"))
        #expect(!ranges.contains(fileName: "1F646.png"))
        #expect(!ranges.contains(fileName: "0031-20E3.png"))
        #expect(!ranges.contains(fileName: "grinning.png"))
        #expect(!ranges.contains(fileName: ".png"))
    }

    @Test func malformedRangesAreErrorsNamingTheKeyAndTheString() {
        let cases: [([String], String)] = [
            ([], "name at least one code point or range"),
            (["1F600-"], "\"1F600-\" is not a code point"),
            (["U+1F600"], "\"U+1F600\" is not a code point"),
            (["1F600-1F610-1F620"], "\"1F600-1F610-1F620\" is not a code point"),
            (["110000"], "\"110000\" is not a code point"),
            (["1F644-1F600"], "the range \"1F644-1F600\" ends below its start"),
        ]
        for (specs, reason) in cases {
            #expect {
                _ = try CodePointRanges(specs, context: "data.codepoints")
            } throws: { error in
                guard case .invalidValue(let context, let message) = error as? ConfigurationError else { return false }
                return context == "data.codepoints" && message.hasPrefix(reason)
            }
        }
    }
}
