/// Channels, height and width of one image (NCHW without the batch axis).
public struct ImageSize: Codable, Hashable, Sendable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// A square image of `resolution` pixels.
    public init(channels: Int, resolution: Int) { self.init(channels: channels, height: resolution, width: resolution) }

    /// The [C, H, W] shape.
    public var shape: [Int] { [channels, height, width] }
    public var description: String { "\(channels)×\(height)×\(width)" }
}
