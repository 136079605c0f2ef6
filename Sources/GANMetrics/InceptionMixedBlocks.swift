import GANTensor

/// The five kinds of mixed block of Inception-v3 (Szegedy et al. 2016, "Rethinking the
/// Inception Architecture for Computer Vision", figures 5–7), as laid out in the TF
/// inception-2015-12-05 graph that FID is defined on: parallel towers whose outputs are joined
/// along the channels in the order below. Channel counts and tower names are those of the
/// graph's TorchScript conversion (`net.layers.mixed*`); the branch pools of A, C and the first
/// E are 3×3 averages at stride 1, padding 1, dividing by the in-image count
/// (`count_include_pad=False`), the second E's is a 3×3 max.
enum InceptionMixedBlocks {
    /// 35×35 block A (`mixed`, `mixed_1`, `mixed_2`): 1×1 | 1×1→5×5 | 1×1→3×3→3×3 | pool→1×1;
    /// 64 + 64 + 96 + `poolChannels` outputs.
    static func a(_ name: String, _ w: [String: Tensor], inChannels c: Int, poolChannels: Int) throws -> (Tensor) -> Tensor {
        let conv = try InceptionConvolution("\(name).conv", w, outChannels: 64, inChannels: c, kernel: (1, 1))
        let t0 = try InceptionConvolution("\(name).tower.conv", w, outChannels: 48, inChannels: c, kernel: (1, 1))
        let t1 = try InceptionConvolution("\(name).tower.conv_1", w, outChannels: 64, inChannels: 48, kernel: (5, 5), padding: (2, 2))
        let u0 = try InceptionConvolution("\(name).tower_1.conv", w, outChannels: 64, inChannels: c, kernel: (1, 1))
        let u1 = try InceptionConvolution("\(name).tower_1.conv_1", w, outChannels: 96, inChannels: 64, kernel: (3, 3), padding: (1, 1))
        let u2 = try InceptionConvolution("\(name).tower_1.conv_2", w, outChannels: 96, inChannels: 96, kernel: (3, 3), padding: (1, 1))
        let p = try InceptionConvolution("\(name).tower_2.conv", w, outChannels: poolChannels, inChannels: c, kernel: (1, 1))
        return { x in
            Tensor.concat([conv(x), t1(t0(x)), u2(u1(u0(x))), p(averagePool(x))], axis: 1)
        }
    }

    /// 35×35 → 17×17 reduction B (`mixed_3`): 3×3/2 | 1×1→3×3→3×3/2 | max 3×3/2; 384 + 96 + 288.
    static func b(_ name: String, _ w: [String: Tensor]) throws -> (Tensor) -> Tensor {
        let conv = try InceptionConvolution("\(name).conv", w, outChannels: 384, inChannels: 288, kernel: (3, 3), stride: 2)
        let t0 = try InceptionConvolution("\(name).tower.conv", w, outChannels: 64, inChannels: 288, kernel: (1, 1))
        let t1 = try InceptionConvolution("\(name).tower.conv_1", w, outChannels: 96, inChannels: 64, kernel: (3, 3), padding: (1, 1))
        let t2 = try InceptionConvolution("\(name).tower.conv_2", w, outChannels: 96, inChannels: 96, kernel: (3, 3), stride: 2)
        return { x in
            Tensor.concat([conv(x), t2(t1(t0(x))), x.maxPool2d(kernel: 3, stride: 2)], axis: 1)
        }
    }

    /// 17×17 block C (`mixed_4` … `mixed_7`) with factorised 7×7s of `width` channels:
    /// 1×1 | 1×1→1×7→7×1 | 1×1→7×1→1×7→7×1→1×7 | pool→1×1; 4 × 192 outputs.
    static func c(_ name: String, _ w: [String: Tensor], width n: Int) throws -> (Tensor) -> Tensor {
        let row = (kernel: (1, 7), padding: (0, 3)), column = (kernel: (7, 1), padding: (3, 0))
        let conv = try InceptionConvolution("\(name).conv", w, outChannels: 192, inChannels: 768, kernel: (1, 1))
        let t0 = try InceptionConvolution("\(name).tower.conv", w, outChannels: n, inChannels: 768, kernel: (1, 1))
        let t1 = try InceptionConvolution("\(name).tower.conv_1", w, outChannels: n, inChannels: n,
                                          kernel: row.kernel, padding: row.padding)
        let t2 = try InceptionConvolution("\(name).tower.conv_2", w, outChannels: 192, inChannels: n,
                                          kernel: column.kernel, padding: column.padding)
        let u0 = try InceptionConvolution("\(name).tower_1.conv", w, outChannels: n, inChannels: 768, kernel: (1, 1))
        let u1 = try InceptionConvolution("\(name).tower_1.conv_1", w, outChannels: n, inChannels: n,
                                          kernel: column.kernel, padding: column.padding)
        let u2 = try InceptionConvolution("\(name).tower_1.conv_2", w, outChannels: n, inChannels: n,
                                          kernel: row.kernel, padding: row.padding)
        let u3 = try InceptionConvolution("\(name).tower_1.conv_3", w, outChannels: n, inChannels: n,
                                          kernel: column.kernel, padding: column.padding)
        let u4 = try InceptionConvolution("\(name).tower_1.conv_4", w, outChannels: 192, inChannels: n,
                                          kernel: row.kernel, padding: row.padding)
        let p = try InceptionConvolution("\(name).tower_2.conv", w, outChannels: 192, inChannels: 768, kernel: (1, 1))
        return { x in
            Tensor.concat([conv(x), t2(t1(t0(x))), u4(u3(u2(u1(u0(x))))), p(averagePool(x))], axis: 1)
        }
    }

    /// 17×17 → 8×8 reduction D (`mixed_8`): 1×1→3×3/2 | 1×1→1×7→7×1→3×3/2 | max 3×3/2;
    /// 320 + 192 + 768.
    static func d(_ name: String, _ w: [String: Tensor]) throws -> (Tensor) -> Tensor {
        let t0 = try InceptionConvolution("\(name).tower.conv", w, outChannels: 192, inChannels: 768, kernel: (1, 1))
        let t1 = try InceptionConvolution("\(name).tower.conv_1", w, outChannels: 320, inChannels: 192, kernel: (3, 3), stride: 2)
        let u0 = try InceptionConvolution("\(name).tower_1.conv", w, outChannels: 192, inChannels: 768, kernel: (1, 1))
        let u1 = try InceptionConvolution("\(name).tower_1.conv_1", w, outChannels: 192, inChannels: 192,
                                          kernel: (1, 7), padding: (0, 3))
        let u2 = try InceptionConvolution("\(name).tower_1.conv_2", w, outChannels: 192, inChannels: 192,
                                          kernel: (7, 1), padding: (3, 0))
        let u3 = try InceptionConvolution("\(name).tower_1.conv_3", w, outChannels: 192, inChannels: 192, kernel: (3, 3), stride: 2)
        return { x in
            Tensor.concat([t1(t0(x)), u3(u2(u1(u0(x)))), x.maxPool2d(kernel: 3, stride: 2)], axis: 1)
        }
    }

    /// 8×8 block E (`mixed_9`, `mixed_10`): 1×1 | 1×1→{1×3, 3×1} | 1×1→3×3→{1×3, 3×1} |
    /// pool→1×1; 320 + 2·384 + 2·384 + 192 = 2048 outputs. The pool is the average of the
    /// other blocks unless `maxPool` (the TF graph's `mixed_10`).
    static func e(_ name: String, _ w: [String: Tensor], inChannels c: Int, maxPool: Bool) throws -> (Tensor) -> Tensor {
        let conv = try InceptionConvolution("\(name).conv", w, outChannels: 320, inChannels: c, kernel: (1, 1))
        let t0 = try InceptionConvolution("\(name).tower_conv", w, outChannels: 384, inChannels: c, kernel: (1, 1))
        let tRow = try InceptionConvolution("\(name).tower_mixed_conv", w, outChannels: 384, inChannels: 384,
                                            kernel: (1, 3), padding: (0, 1))
        let tColumn = try InceptionConvolution("\(name).tower_mixed_conv_1", w, outChannels: 384, inChannels: 384,
                                               kernel: (3, 1), padding: (1, 0))
        let u0 = try InceptionConvolution("\(name).tower_1_conv", w, outChannels: 448, inChannels: c, kernel: (1, 1))
        let u1 = try InceptionConvolution("\(name).tower_1_conv_1", w, outChannels: 384, inChannels: 448,
                                          kernel: (3, 3), padding: (1, 1))
        let uRow = try InceptionConvolution("\(name).tower_1_mixed_conv", w, outChannels: 384, inChannels: 384,
                                            kernel: (1, 3), padding: (0, 1))
        let uColumn = try InceptionConvolution("\(name).tower_1_mixed_conv_1", w, outChannels: 384, inChannels: 384,
                                               kernel: (3, 1), padding: (1, 0))
        let p = try InceptionConvolution("\(name).tower_2_conv", w, outChannels: 192, inChannels: c, kernel: (1, 1))
        return { x in
            let a = t0(x), b = u1(u0(x))
            let pooled = maxPool ? x.maxPool2d(kernel: 3, stride: 1, padding: 1) : averagePool(x)
            return Tensor.concat([conv(x), tRow(a), tColumn(a), uRow(b), uColumn(b), p(pooled)], axis: 1)
        }
    }

    /// The branch pool of A, C and the first E: 3×3 mean at stride 1, padding 1, over the
    /// in-image positions only.
    static func averagePool(_ x: Tensor) -> Tensor {
        x.avgPool2d(kernel: 3, stride: 1, padding: 1, countIncludePad: false)
    }
}
