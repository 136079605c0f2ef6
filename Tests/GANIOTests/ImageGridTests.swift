import GANIO
import GANCore
import Testing

/// Arranging a batch into one image.
@Suite struct ImageGridTests {
    @Test func tilesGoLeftToRightThenTopToBottomWithPadding() {
        // Five 1-channel 1×2 images valued 1…5, three per row, padding 1 of value 0.
        let batch = Tensor(shape: [5, 1, 1, 2], values: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        let grid = makeGrid(batch, columns: 3, padding: 1, padValue: 0)
        #expect(grid.shape == [1, 2 * 2 + 1, 3 * 3 + 1])
        let expected: [Float] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                 0, 1, 1, 0, 2, 2, 0, 3, 3, 0,
                                 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                 0, 4, 4, 0, 5, 5, 0, 0, 0, 0,
                                 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(grid.scalars == expected)
    }

    @Test func channelsStayInTheirOwnPlanesAndColumnsAreCappedByTheBatch() {
        let batch = Tensor(shape: [2, 3, 2, 2], values: (0..<24).map(Float.init))
        let grid = makeGrid(batch, columns: 8, padding: 0)
        #expect(grid.shape == [3, 2, 4])
        for c in 0..<3 {
            for y in 0..<2 {
                for x in 0..<4 {
                    let image = x / 2
                    #expect(grid[c, y, x] == batch[image, c, y, x % 2])
                }
            }
        }
    }
}
