import Foundation
import GANIO
import Testing

/// Reading IDX images and labels, plain and gzip-compressed, with class selection and fitting.
@Suite struct IDXDatasetTests {
    /// Writes three 2×2 images labelled 0, 1, 0 into `folder`, gzip-compressed or not, and
    /// returns the paths of the image and label files.
    static func write(into folder: TemporaryFolder, gzip: Bool) throws -> (images: String, labels: String) {
        let images = IDXBytes.images([[0, 255, 51, 102], [10, 20, 30, 40], [255, 255, 255, 255]], side: 2)
        let labels = IDXBytes.labels([0, 1, 0])
        let suffix = gzip ? ".gz" : ""
        return (try folder.write(gzip ? IDXBytes.gzip(images) : images, to: "images-idx3-ubyte\(suffix)"),
                try folder.write(gzip ? IDXBytes.gzip(labels) : labels, to: "labels-idx1-ubyte\(suffix)"))
    }

    @Test(arguments: [false, true])
    func readsImagesAndLabelsPlainOrGzipped(gzip: Bool) throws {
        try TemporaryFolder.with { folder in
            let (images, labels) = try Self.write(into: folder, gzip: gzip)
            let set = try IDXDataset(images: images, labels: labels, resolution: 2)
            #expect(set.tensor.shape == [3, 1, 2, 2])
            #expect(set.labels == [0, 1, 0])
            #expect(set.images(at: [0]).scalars == [0, 255, 51, 102].map { Float($0) / 127.5 - 1 })
        }
    }

    @Test func classSelectionKeepsMatchingImagesInFileOrderThenLimits() throws {
        try TemporaryFolder.with { folder in
            let (images, labels) = try Self.write(into: folder, gzip: false)
            let zeros = try IDXDataset(images: images, labels: labels, classes: [0], resolution: 1)
            #expect(zeros.labels == [0, 0])
            let firstMean: Float = (0 + 255 + 51 + 102) / 4   // 2×2 → 1×1 is the area average
            #expect(abs(zeros.tensor.scalars[0] - (firstMean / 127.5 - 1)) < 1e-6)
            #expect(zeros.tensor.scalars[1] == 1)
            let limited = try IDXDataset(images: images, labels: labels, classes: [0, 1], limit: 2, resolution: 1)
            #expect(limited.labels == [0, 1])
        }
    }

    @Test func padCentresTheImageOnABlackCanvasAndReplicatesChannels() throws {
        try TemporaryFolder.with { folder in
            let (images, _) = try Self.write(into: folder, gzip: false)
            let set = try IDXDataset(images: images, resolution: 4, channels: 3, fit: .pad)
            #expect(set.tensor.shape == [3, 3, 4, 4])
            let first = set.images(at: [0])
            let v: (Float) -> Float = { $0 / 127.5 - 1 }
            let plane: [Float] = [-1, -1, -1, -1,
                                  -1, v(0), v(255), -1,
                                  -1, v(51), v(102), -1,
                                  -1, -1, -1, -1]
            #expect(first.scalars == plane + plane + plane)
        }
    }

    @Test func withoutLabelsTheLabelListIsEmpty() throws {
        try TemporaryFolder.with { folder in
            let (images, _) = try Self.write(into: folder, gzip: true)
            let set = try IDXDataset(images: images, limit: 1, resolution: 2)
            #expect(set.count == 1 && set.labels.isEmpty)
        }
    }
}
