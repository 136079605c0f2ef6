import Foundation
import GANKit

/// An RGB colour with components in [0, 1].
public struct Colour: Sendable {
    public var red: Float, green: Float, blue: Float
    public init(_ red: Float, _ green: Float, _ blue: Float) {
        self.red = red
        self.green = green
        self.blue = blue
    }
    public static let white = Colour(1, 1, 1)
    public static let black = Colour(0, 0, 0)
    public static let grid = Colour(0.85, 0.85, 0.85)
    public static let red = Colour(0.85, 0.1, 0.1)
    public static let blue = Colour(0.1, 0.3, 0.85)
    public static let orange = Colour(0.95, 0.55, 0.1)
}

/// A raster plot for the examples: a white RGB image with a mapping from data coordinates
/// (x to the right, y up) to pixels, drawn with translucent dots and filled rectangles and
/// saved as a PNG through GANIO. No text: the examples print what the axes are.
public struct Canvas {
    public let width: Int
    public let height: Int
    /// The data ranges shown along x and y.
    public let xRange: ClosedRange<Float>
    public let yRange: ClosedRange<Float>
    /// Planes R, G, B of `height × width` values in [0, 1].
    private var pixels: [Float]

    public init(width: Int, height: Int, x xRange: ClosedRange<Float>, y yRange: ClosedRange<Float>) {
        precondition(width > 0 && height > 0, "Canvas: size \(width)×\(height) must be positive")
        precondition(xRange.upperBound > xRange.lowerBound && yRange.upperBound > yRange.lowerBound,
                     "Canvas: empty data range \(xRange) × \(yRange)")
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        pixels = [Float](repeating: 1, count: 3 * width * height)
    }

    /// The pixel column of data x and row of data y (row 0 at the top).
    public func pixel(x: Float, y: Float) -> (column: Float, row: Float) {
        let u = (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
        let v = (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound)
        return (u * Float(width - 1), (1 - v) * Float(height - 1))
    }

    /// Mixes `colour` into pixel (column, row) with weight `opacity`; outside pixels are ignored.
    public mutating func blend(column: Int, row: Int, _ colour: Colour, opacity: Float = 1) {
        guard (0..<width).contains(column), (0..<height).contains(row) else { return }
        let plane = width * height, p = row * width + column
        for (c, value) in [colour.red, colour.green, colour.blue].enumerated() {
            pixels[c * plane + p] += opacity * (value - pixels[c * plane + p])
        }
    }

    /// A filled disc of `radius` pixels at data point (x, y).
    public mutating func dot(x: Float, y: Float, radius: Float = 1.5, _ colour: Colour, opacity: Float = 1) {
        let (cx, cy) = pixel(x: x, y: y)
        let r = Int(radius.rounded(.up))
        for row in (Int(cy.rounded()) - r)...(Int(cy.rounded()) + r) {
            for column in (Int(cx.rounded()) - r)...(Int(cx.rounded()) + r) {
                let (dx, dy) = (Float(column) - cx, Float(row) - cy)
                if dx * dx + dy * dy <= radius * radius { blend(column: column, row: row, colour, opacity: opacity) }
            }
        }
    }

    /// A filled rectangle between data corners (x0, y0) and (x1, y1).
    public mutating func rectangle(x0: Float, y0: Float, x1: Float, y1: Float, _ colour: Colour, opacity: Float = 1) {
        let a = pixel(x: x0, y: y0), b = pixel(x: x1, y: y1)
        let columns = Int(min(a.column, b.column).rounded())...Int(max(a.column, b.column).rounded())
        let rows = Int(min(a.row, b.row).rounded())...Int(max(a.row, b.row).rounded())
        for row in rows { for column in columns { blend(column: column, row: row, colour, opacity: opacity) } }
    }

    /// Light grid lines at every multiple of `spacing` in data units, and darker axes through 0.
    public mutating func grid(spacing: Float) {
        for (along, range) in [(true, xRange), (false, yRange)] {
            let first = Int((range.lowerBound / spacing).rounded(.up)), last = Int((range.upperBound / spacing).rounded(.down))
            for k in first...last {
                let value = Float(k) * spacing
                let colour = k == 0 ? Colour(0.55, 0.55, 0.55) : Colour.grid
                if along {
                    let column = Int(pixel(x: value, y: 0).column.rounded())
                    for row in 0..<height { blend(column: column, row: row, colour) }
                } else {
                    let row = Int(pixel(x: 0, y: value).row.rounded())
                    for column in 0..<width { blend(column: column, row: row, colour) }
                }
            }
        }
    }

    /// The plot as a PNG file.
    public func write(to path: String) throws {
        let image = Tensor(shape: [3, height, width], values: pixels.map { $0 * 2 - 1 })
        try PNGImage(tensor: image).write(toFile: path)
    }
}

/// Where an example writes its files: `given` (its `--output DIR`), else `runs/examples/<name>`
/// under the current directory; created if missing.
public func exampleOutputDirectory(_ name: String, given: String?) throws -> URL {
    let url = URL(fileURLWithPath: given ?? "runs/examples/\(name)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
