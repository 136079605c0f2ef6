import Foundation
import GANCore
import GANIO
import Testing

/// The `emoji` source's `codepoints` key, on a folder of files named as EmojiOne names them.
@Suite struct EmojiOneSourceTests {
    /// Files named by code points, each a flat gray image of its own level, in unsorted order.
    static let levels: [(name: String, level: UInt8)] = [
        ("263A.png", 50), ("1F600.png", 10), ("1F4AF.png", 90), ("1F645-1F3FB.png", 30), ("1F644.png", 20), ("2639.png", 40),
    ]

    static func populate(_ folder: TemporaryFolder) throws {
        for (name, level) in levels { try folder.write(ImageFolderTests.grayPNG(level), to: name) }
    }

    static func request(_ folder: TemporaryFolder, limit: Int? = nil) -> DataRequest {
        DataRequest(path: folder.path, resolution: 2, channels: 1, limit: limit, classes: nil)
    }

    static func source(_ codepoints: [String]?) throws -> EmojiOneSource {
        var options = EmojiOneSource.Options()
        options.codepoints = codepoints
        return try EmojiOneSource(options: options, context: ComponentBuildContext(modelFamily: "", imageSize: ImageSize(channels: 1, resolution: 2), batchSize: 0, datasetCount: 0))
    }

    /// The first pixel of each image of `set`, as the gray level its file was written with.
    static func levels(of set: any ImageDataset) -> [Int] {
        (0..<set.count).map { Int(((set.images(at: [$0]).scalars[0] + 1) * 127.5).rounded()) }
    }

    @Test func keepsTheFilesOfTheRangesInFileOrderThenAppliesTheLimit() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            let faces = try Self.source(["1F600-1F644", "2639", "263A"])
            // Sorted by name: 1F4AF, 1F600, 1F644, 1F645-1F3FB, 2639, 263A.
            #expect(Self.levels(of: try faces.load(Self.request(folder))) == [10, 20, 40, 50])
            #expect(Self.levels(of: try faces.load(Self.request(folder, limit: 2))) == [10, 20])
            #expect(Self.levels(of: try Self.source(["1F645"]).load(Self.request(folder))) == [30])
            #expect(Self.levels(of: try Self.source(nil).load(Self.request(folder))) == [90, 10, 20, 30, 40, 50])
        }
    }

    @Test func aRandomSubsetPicksAmongTheKeptFilesOnly() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            var counted = 0
            let set = try Self.source(["1F600-1F644", "2639", "263A"]).load(Self.request(folder)) { count in
                counted = count
                return [1, 3]
            }
            #expect(counted == 4)
            #expect(Self.levels(of: set) == [20, 50])
        }
    }

    @Test func rangesThatKeepNoFileAreAnErrorNamingTheKeyAndTheFolder() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            #expect {
                _ = try Self.source(["1F910-1F917"]).load(Self.request(folder))
            } throws: { error in
                guard case .invalidValue(let context, let reason) = error as? ConfigurationError else { return false }
                return context == "data.codepoints" && reason.contains(folder.path) && reason.contains("1F910-1F917")
            }
        }
    }

    @Test(.enabled(if: InstalledData.hasEmoji, "ruby-gemojione is not installed (apt-get install ruby-gemojione)"))
    func theFaceRangesHoldEightySixEmoji() throws {
        let faces = try Self.source(["1F600-1F644", "1F910-1F917", "1F920-1F925", "1F927", "2639", "263A"])
        let set = try faces.load(DataRequest(path: nil, resolution: 8, channels: 3, limit: nil, classes: nil))
        #expect(set.count == 86)
    }
}
