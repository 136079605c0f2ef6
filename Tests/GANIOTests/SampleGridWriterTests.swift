import Foundation
import GANCore
import GANTestSupport
import GANIO
import Testing

/// Sample grids: written at the right iterations, of the right size, from fixed latents.
@Suite struct SampleGridWriterTests {
    @Test func writesAGridEveryNIterationsAndAtTheEnd() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let pipeline = try Toy.builder().build()
            try pipeline.train(on: Toy.data(), iterations: 7, observers: [SampleGridWriter(directory: run, every: 3, seed: 1)])
            let names = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("samples").path).sorted()
            #expect(names == ["iter-000003.png", "iter-000006.png", "iter-000007.png", "latest.png"])
            let last = try Data(contentsOf: run.appendingPathComponent("samples/iter-000007.png"))
            #expect(try Data(contentsOf: run.appendingPathComponent("samples/latest.png")) == last)
        }
    }

    /// 64 tiles of 2×2 pixels in 8 columns with 2-pixel padding: 8·(2+2)+2 = 34 pixels square;
    /// 10 tiles in ⌈√10⌉ = 4 columns and 3 rows: 18×14.
    @Test(arguments: [(64, 34, 34), (10, 18, 14), (1, 6, 6)])
    func gridPNGDecodesAtTheSizeOfASquarishGrid(count: Int, width: Int, height: Int) throws {
        try TemporaryFolder.with { folder in
            let pipeline = try Toy.builder().build()
            try SampleGridWriter(directory: URL(fileURLWithPath: folder.path), every: 1, count: count).write(pipeline)
            let image = try PNGImage(contentsOfFile: folder.path + "/samples/iter-000000.png")
            #expect(image.width == width && image.height == height && image.channels == 1)
        }
    }

    @Test func gridShowsTheEMASamplesOfLatentsDrawnFromTheSeed() throws {
        try TemporaryFolder.with { folder in
            let pipeline = try Toy.builder().build()
            for _ in 0..<5 { _ = try pipeline.step(on: Toy.data()) }
            try SampleGridWriter(directory: URL(fileURLWithPath: folder.path), every: 1, count: 9, seed: 42).write(pipeline)
            var rng = RandomSource(seed: 42)
            let z = Tensor.normal([9, pipeline.generator.latentDimension], using: &rng)
            let expected = PNGImage(tensor: makeGrid(pipeline.sample(latents: z), columns: 3))
            #expect(try PNGImage(contentsOfFile: folder.path + "/samples/iter-000005.png") == expected)
            // Live weights differ from the EMA, so the grid must not match them.
            let live = PNGImage(tensor: makeGrid(Autodiff.withoutRecording { pipeline.generator(z) }, columns: 3))
            #expect(live != expected)
        }
    }

    @Test func resumedWriterShowsTheSameLatents() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let pipeline = try Toy.builder().build()
            try SampleGridWriter(directory: run, every: 1, seed: 7).write(pipeline)
            let first = try Data(contentsOf: run.appendingPathComponent("samples/latest.png"))
            try SampleGridWriter(directory: run, every: 1, seed: 7).write(pipeline)
            #expect(try Data(contentsOf: run.appendingPathComponent("samples/latest.png")) == first)
            try SampleGridWriter(directory: run, every: 1, seed: 8).write(pipeline)
            #expect(try Data(contentsOf: run.appendingPathComponent("samples/latest.png")) != first)
        }
    }
}
