import Foundation
import GANIO
import GANCore
import Testing

/// Loading a folder of PNGs into one [N, C, R, R] tensor.
@Suite struct ImageFolderTests {
    /// A flat gray PNG whose every sample is `level`.
    static func grayPNG(_ level: UInt8, size: Int = 4) throws -> Data {
        try PNGImage(width: size, height: size, channels: 1, pixels: Array(repeating: level, count: size * size)).pngData()
    }

    /// Fills `folder` with PNGs in unsorted order, one in a subfolder, one in a hidden folder
    /// and a non-PNG file.
    static func populate(_ folder: TemporaryFolder) throws {
        try folder.write(grayPNG(30), to: "b.png")
        try folder.write(grayPNG(10), to: "a.PNG")
        try folder.write(grayPNG(40, size: 8), to: "sub/c.png")
        try folder.write(grayPNG(99), to: ".hidden/x.png")
        try folder.write(Data("not listed".utf8), to: "notes.txt")
    }

    @Test func listsPNGsRecursivelySortedAndSkipsHiddenAndOtherFiles() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            let names = try ImageFolder.pngFiles(in: folder.path).map { String($0.dropFirst(folder.path.count + 1)) }
            #expect(names == ["a.PNG", "b.png", "sub/c.png"])
        }
    }

    @Test func loadsAllImagesInFileOrderAtTheRequestedResolution() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            let set = try ImageFolder(folder.path, resolution: 2, channels: 3)
            #expect(set.tensor.shape == [3, 3, 2, 2])
            #expect(set.count == 3 && set.imageSize == ImageSize(channels: 3, resolution: 2))
            for (i, level) in [Float(10), 30, 40].enumerated() {
                #expect(set.images(at: [i]).scalars == Array(repeating: level / 127.5 - 1, count: 12))
            }
        }
    }

    @Test func limitKeepsTheFirstFilesInOrder() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            let set = try ImageFolder(folder.path, resolution: 4, channels: 1, limit: 2)
            #expect(set.files.map { ($0 as NSString).lastPathComponent } == ["a.PNG", "b.png"])
            #expect(set.tensor.shape == [2, 1, 4, 4])
        }
    }

    @Test func imagesAtGathersTheRequestedIndicesInOrder() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            let set = try ImageFolder(folder.path, resolution: 1, channels: 1)
            let gathered = set.images(at: [2, 0, 0]).scalars
            for (value, level) in zip(gathered, [Float(40), 10, 10]) { #expect(abs(value - (level / 127.5 - 1)) < 1e-6) }
            #expect(set.images(at: [2, 0, 0]).shape == [3, 1, 1, 1])
        }
    }

    @Test func nativeResolutionKeepsEveryPixelWithoutResampling() throws {
        try TemporaryFolder.with { folder in
            // A 3×2 RGB image with distinct samples, and a second of the same size.
            let pixels: [UInt8] = (0..<18).map { UInt8($0 * 10) }
            try folder.write(PNGImage(width: 3, height: 2, channels: 3, pixels: pixels).pngData(), to: "a.png")
            try folder.write(PNGImage(width: 3, height: 2, channels: 1, pixels: Array(repeating: 51, count: 6)).pngData(), to: "b.png")
            let set = try ImageFolder(nativeResolution: folder.path, channels: 3)
            #expect(set.tensor.shape == [2, 3, 2, 3])
            // Planar: red of (0,0), (0,1), (0,2), (1,0)… is pixels[0], [3], [6], [9]…
            let red = set.images(at: [0]).scalars.prefix(6)
            #expect(Array(red) == [0, 30, 60, 90, 120, 150].map { Float($0) / 127.5 - 1 })
            #expect(set.images(at: [1]).scalars == Array(repeating: Float(51) / 127.5 - 1, count: 18))
        }
    }

    @Test func nativeResolutionRefusesMixedSizesNamingTheFile() throws {
        try TemporaryFolder.with { folder in
            try Self.populate(folder)
            #expect(throws: GANIOError.mixedImageSizes(path: folder.path + "/sub/c.png", height: 8, width: 8,
                                                       expectedHeight: 4, expectedWidth: 4)) {
                try ImageFolder(nativeResolution: folder.path)
            }
        }
    }
}
