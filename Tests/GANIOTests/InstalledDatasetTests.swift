import Foundation
import GANIO
import Testing

/// The data sets GANKit's examples use, from Debian packages (CI installs them; elsewhere these
/// tests are skipped with a message naming the package).
enum InstalledData {
    /// EmojiOne PNGs from `ruby-gemojione` (CC-BY-SA 4.0): 1794 64×64 images, mostly palette + tRNS.
    static let emojiFolder = "/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png"
    static var hasEmoji: Bool { FileManager.default.fileExists(atPath: emojiFolder) }
    static var hasFashionMNIST: Bool {
        FileManager.default.fileExists(atPath: IDXDataset.fashionMNISTFolder + "/train-images-idx3-ubyte.gz")
            || FileManager.default.fileExists(atPath: IDXDataset.fashionMNISTFolder + "/train-images-idx3-ubyte")
    }
}

@Suite struct InstalledDatasetTests {
    @Test(.enabled(if: InstalledData.hasEmoji, "ruby-gemojione is not installed (apt-get install ruby-gemojione)"))
    func everyEmojiDecodesIntoTheUnitRange() throws {
        let files = try ImageFolder.pngFiles(in: InstalledData.emojiFolder)
        #expect(files.count >= 1000)
        let set = try ImageFolder(InstalledData.emojiFolder, resolution: 32)
        #expect(set.tensor.shape == [files.count, 3, 32, 32])
        let values = set.tensor.scalars
        #expect(values.allSatisfy { $0 >= -1 && $0 <= 1 })
        // Corners are transparent in most emoji, so they read as white.
        let whiteCorners = (0..<set.count).filter { set.tensor[$0, 0, 0, 0] == 1 && set.tensor[$0, 2, 0, 0] == 1 }.count
        #expect(whiteCorners > set.count * 9 / 10, "\(whiteCorners) of \(set.count) have a white corner")
    }

    @Test(.enabled(if: InstalledData.hasEmoji, "ruby-gemojione is not installed (apt-get install ruby-gemojione)"))
    func grinningFaceHasItsPaletteColoursAtFullResolution() throws {
        let face = try PNGImage(contentsOfFile: InstalledData.emojiFolder + "/1F600.png").tensor(channels: 3)
        #expect(face.shape == [3, 64, 64])
        // The corner's palette entry is fully transparent; the face centre is entry (255, 221, 103),
        // opaque (read with an independent pure-Python decoder of the file).
        #expect((0..<3).map { face[$0, 0, 0] } == [1, 1, 1])
        #expect((0..<3).map { face[$0, 32, 32] } == [255, 221, 103].map { Float($0) / 127.5 - 1 })
    }

    @Test(.enabled(if: InstalledData.hasEmoji, "ruby-gemojione is not installed (apt-get install ruby-gemojione)"))
    func emojiLimitAndGrayLoading() throws {
        let set = try ImageFolder(InstalledData.emojiFolder, resolution: 16, channels: 1, limit: 5)
        #expect(set.tensor.shape == [5, 1, 16, 16])
        #expect(set.files.map { ($0 as NSString).lastPathComponent } == Array(try ImageFolder.pngFiles(in: InstalledData.emojiFolder).prefix(5)).map { ($0 as NSString).lastPathComponent })
    }

    @Test(.enabled(if: InstalledData.hasFashionMNIST, "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)"))
    func fashionMNISTHasSixThousandTrainingImagesPerClass() throws {
        let sneakers = try IDXDataset.fashionMNIST(split: .train, classes: [7], resolution: 32)
        #expect(sneakers.tensor.shape == [6000, 1, 32, 32])
        #expect(sneakers.labels.allSatisfy { $0 == 7 })
        #expect(IDXDataset.fashionMNISTClassNames[7] == "Sneaker")
        #expect(sneakers.tensor.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test(.enabled(if: InstalledData.hasFashionMNIST, "dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)"))
    func fashionMNISTTestSplitPaddedToThirtyTwo() throws {
        let set = try IDXDataset.fashionMNIST(split: .test, classes: [0, 9], limit: 300, resolution: 32, fit: .pad)
        #expect(set.tensor.shape == [300, 1, 32, 32])
        #expect(Set(set.labels) == [0, 9])
        // The 2-pixel border added by padding is the −1 background.
        for i in [0, 150, 299] {
            #expect((0..<32).allSatisfy { set.tensor[i, 0, 0, $0] == -1 && set.tensor[i, 0, $0, 31] == -1 })
        }
    }
}
