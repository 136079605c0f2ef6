/// The three transforms of Winograd's minimal filtering algorithm F(2×2, 2×2) (Lavin & Gray,
/// "Fast Algorithms for Convolutional Neural Networks", CVPR 2016, eq. 8):
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
///
/// for a 2×2 filter g, a 3×3 input tile d and the 2×2 output tile Y of their valid
/// cross-correlation, with
///
///     Bᵀ = [1 −1 0; 0 1 0; 0 −1 1],   G = [1 0; 1 1; 0 1],   Aᵀ = [1 1 0; 0 1 1].
///
/// In one dimension, y₀ = d₀g₀ + d₁g₁ = (d₀ − d₁)g₀ + d₁(g₀ + g₁) and
/// y₁ = d₁g₀ + d₂g₁ = d₁(g₀ + g₁) + (d₂ − d₁)g₁: three products instead of four, nine instead of
/// sixteen in two dimensions. Every matrix entry is 0 or ±1, so the transforms are exact
/// additions and the only rounding beyond direct convolution's is in those few sums.
///
/// The nine products of a tile are indexed ξ = 3i + j for row i and column j of the 3×3
/// transformed tile; transformed tiles live in `[9][tiles][channels]` arrays, each ξ a
/// separate matrix so a whole layer's products are nine sgemm calls. Each transform runs on
/// `count` channels at once, stored contiguously (channels-last), 16 per SIMD vector.
enum WinogradTransforms {
    /// Writes Bᵀ d B to out[ξ·stride + k], ξ < 9, k < count, where channel k of the 3×3 tile
    /// d has element (r, s) at d[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func input(_ d: UnsafePointer<Float>, rowStride rs: Int, columnStride cs: Int, count: Int,
                      into out: UnsafeMutablePointer<Float>, stride: Int) {
        var k = 0
        while k &+ 16 <= count {
            input(SIMD16<Float>.self, d + k, rs, cs, out + k, stride)
            k &+= 16
        }
        while k < count {
            input(Float.self, d + k, rs, cs, out + k, stride)
            k &+= 1
        }
    }

    /// Writes G g Gᵀ to out[ξ·stride + k], ξ < 9, k < count, for the 2×2 filters g with
    /// element (r, s) of channel k at g[r·rowStride + s·columnStride + k].
    @inline(__always)
    static func filter(_ g: UnsafePointer<Float>, rowStride rs: Int, columnStride cs: Int, count: Int,
                       into out: UnsafeMutablePointer<Float>, stride: Int) {
        var k = 0
        while k &+ 16 <= count {
            filter(SIMD16<Float>.self, g + k, rs, cs, out + k, stride)
            k &+= 16
        }
        while k < count {
            filter(Float.self, g + k, rs, cs, out + k, stride)
            k &+= 1
        }
    }

    /// Writes Aᵀ m A, where channel k of m has ξ at m[ξ·stride + k], to the 2×2 tile with
    /// element (r, s) of channel k at out[r·rowStride + s·columnStride + k], k < count.
    @inline(__always)
    static func output(_ m: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>,
                       rowStride rs: Int, columnStride cs: Int) {
        var k = 0
        while k &+ 16 <= count {
            output(SIMD16<Float>.self, m + k, stride, out + k, rs, cs)
            k &+= 16
        }
        while k < count {
            output(Float.self, m + k, stride, out + k, rs, cs)
            k &+= 1
        }
    }

    @inline(__always)
    private static func input<L: WinogradLane>(_: L.Type, _ d: UnsafePointer<Float>, _ rs: Int, _ cs: Int,
                                                _ out: UnsafeMutablePointer<Float>, _ stride: Int) {
        let r1 = d + rs, r2 = d + 2 &* rs
        let (d00, d01, d02) = (L.load(d), L.load(d + cs), L.load(d + 2 &* cs))
        let (d10, d11, d12) = (L.load(r1), L.load(r1 + cs), L.load(r1 + 2 &* cs))
        let (d20, d21, d22) = (L.load(r2), L.load(r2 + cs), L.load(r2 + 2 &* cs))
        // Rows: e₀ = d₀ − d₁, e₁ = d₁, e₂ = d₂ − d₁; then the same along columns.
        let (e00, e01, e02) = (d00 - d10, d01 - d11, d02 - d12)
        let (e20, e21, e22) = (d20 - d10, d21 - d11, d22 - d12)
        (e00 - e01).store(out); e01.store(out + stride); (e02 - e01).store(out + 2 &* stride)
        (d10 - d11).store(out + 3 &* stride); d11.store(out + 4 &* stride); (d12 - d11).store(out + 5 &* stride)
        (e20 - e21).store(out + 6 &* stride); e21.store(out + 7 &* stride); (e22 - e21).store(out + 8 &* stride)
    }

    @inline(__always)
    private static func filter<L: WinogradLane>(_: L.Type, _ g: UnsafePointer<Float>, _ rs: Int, _ cs: Int,
                                                 _ out: UnsafeMutablePointer<Float>, _ stride: Int) {
        let (g00, g01, g10, g11) = (L.load(g), L.load(g + cs), L.load(g + rs), L.load(g + rs + cs))
        // Rows: t₀ = g₀, t₁ = g₀ + g₁, t₂ = g₁; then the same along columns.
        let (t10, t11) = (g00 + g10, g01 + g11)
        g00.store(out); (g00 + g01).store(out + stride); g01.store(out + 2 &* stride)
        t10.store(out + 3 &* stride); (t10 + t11).store(out + 4 &* stride); t11.store(out + 5 &* stride)
        g10.store(out + 6 &* stride); (g10 + g11).store(out + 7 &* stride); g11.store(out + 8 &* stride)
    }

    @inline(__always)
    private static func output<L: WinogradLane>(_: L.Type, _ m: UnsafePointer<Float>, _ stride: Int,
                                                 _ out: UnsafeMutablePointer<Float>, _ rs: Int, _ cs: Int) {
        let (m0, m1, m2) = (L.load(m), L.load(m + stride), L.load(m + 2 &* stride))
        let (m3, m4, m5) = (L.load(m + 3 &* stride), L.load(m + 4 &* stride), L.load(m + 5 &* stride))
        let (m6, m7, m8) = (L.load(m + 6 &* stride), L.load(m + 7 &* stride), L.load(m + 8 &* stride))
        // Rows: f₀ = m₀ + m₁, f₁ = m₁ + m₂; then the same along columns.
        let (f00, f01, f02) = (m0 + m3, m1 + m4, m2 + m5)
        let (f10, f11, f12) = (m3 + m6, m4 + m7, m5 + m8)
        (f00 + f01).store(out); (f01 + f02).store(out + cs)
        (f10 + f11).store(out + rs); (f11 + f12).store(out + rs + cs)
    }
}

/// One float or a SIMD vector of them: what the transforms compute on.
protocol WinogradLane {
    static func load(_ p: UnsafePointer<Float>) -> Self
    func store(_ p: UnsafeMutablePointer<Float>)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
}

extension Float: WinogradLane {
    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Float { p.pointee }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) { p.pointee = self }
}

extension SIMD16: WinogradLane where Scalar == Float {
    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD16<Float>.self)
    }
}
