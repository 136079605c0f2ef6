#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A square matrix in Double for homogeneous coordinates: 3×3 for 2-D pixel transforms, 4×4
/// for colour transforms of (r, g, b, 1). The constructors follow `matrix`, `translate2d`,
/// `scale2d`, `rotate2d`, `translate3d`, `scale3d` and `rotate3d` of StyleGAN2-ADA's
/// `training/augment.py`.
public struct HomogeneousMatrix: Hashable, Sendable, CustomStringConvertible {
    /// Rows and columns.
    public let size: Int
    /// The entries, row-major.
    public private(set) var elements: [Double]

    /// A `size` × `size` matrix from its rows.
    public init(rows: [[Double]]) {
        precondition(!rows.isEmpty && rows.allSatisfy { $0.count == rows.count },
                     "HomogeneousMatrix: rows must form a square, got \(rows.map(\.count))")
        size = rows.count
        elements = rows.flatMap { $0 }
    }

    /// The identity of `size` × `size`.
    public static func identity(_ size: Int) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: (0..<size).map { i in (0..<size).map { $0 == i ? 1 : 0 } })
    }

    /// Entry (row, column).
    public subscript(row: Int, column: Int) -> Double { elements[row * size + column] }

    /// Whether every entry equals the identity's exactly.
    public var isIdentity: Bool { self == .identity(size) }

    /// The matrix product a·b.
    public static func * (a: HomogeneousMatrix, b: HomogeneousMatrix) -> HomogeneousMatrix {
        precondition(a.size == b.size, "HomogeneousMatrix: cannot multiply \(a.size)×\(a.size) by \(b.size)×\(b.size)")
        let n = a.size
        return HomogeneousMatrix(rows: (0..<n).map { i in
            (0..<n).map { j in (0..<n).reduce(0) { $0 + a[i, $1] * b[$1, j] } }
        })
    }

    public var description: String {
        (0..<size).map { i in (0..<size).map { String(self[i, $0]) }.joined(separator: " ") }.joined(separator: "; ")
    }

    // MARK: - 2-D (3×3)

    /// Moves points by (tx, ty).
    public static func translate2d(_ tx: Double, _ ty: Double) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: [[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    }

    /// Scales x by sx and y by sy.
    public static func scale2d(_ sx: Double, _ sy: Double) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: [[sx, 0, 0], [0, sy, 0], [0, 0, 1]])
    }

    /// Rotates by θ (from +x towards +y).
    public static func rotate2d(_ theta: Double) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: [[cos(theta), -sin(theta), 0], [sin(theta), cos(theta), 0], [0, 0, 1]])
    }

    // MARK: - 3-D (4×4)

    /// Adds (tx, ty, tz).
    public static func translate3d(_ tx: Double, _ ty: Double, _ tz: Double) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: [[1, 0, 0, tx], [0, 1, 0, ty], [0, 0, 1, tz], [0, 0, 0, 1]])
    }

    /// Scales the three axes.
    public static func scale3d(_ sx: Double, _ sy: Double, _ sz: Double) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: [[sx, 0, 0, 0], [0, sy, 0, 0], [0, 0, sz, 0], [0, 0, 0, 1]])
    }

    /// Rotates by θ around the unit axis `v` (Rodrigues' formula).
    public static func rotate3d(axis v: (Double, Double, Double), _ theta: Double) -> HomogeneousMatrix {
        let (x, y, z) = v, s = sin(theta), c = cos(theta), cc = 1 - c
        return HomogeneousMatrix(rows: [
            [x * x * cc + c, x * y * cc - z * s, x * z * cc + y * s, 0],
            [y * x * cc + z * s, y * y * cc + c, y * z * cc - x * s, 0],
            [z * x * cc - y * s, z * y * cc + x * s, z * z * cc + c, 0],
            [0, 0, 0, 1],
        ])
    }

    /// The Householder reflection I − 2·v·vᵀ through the plane orthogonal to the luma axis
    /// v = (1, 1, 1, 0)/√3 (ADA's luma flip).
    public static func lumaReflection() -> HomogeneousMatrix {
        HomogeneousMatrix(rows: (0..<4).map { i in
            (0..<4).map { j in (i == j ? 1 : 0) - (i < 3 && j < 3 ? 2.0 / 3 : 0) }
        })
    }

    /// v·vᵀ + s·(I − v·vᵀ) on the colour block, v = (1, 1, 1)/√3: keeps the luma component and
    /// scales the chroma by s (ADA's saturation). The homogeneous entry stays 1 (the authors'
    /// matrix scales it too, which their code never reads).
    public static func saturation(_ s: Double) -> HomogeneousMatrix {
        HomogeneousMatrix(rows: (0..<4).map { i in
            (0..<4).map { j in
                guard i < 3 && j < 3 else { return i == j ? 1 : 0 }
                return 1.0 / 3 + s * ((i == j ? 1 : 0) - 1.0 / 3)
            }
        })
    }
}
