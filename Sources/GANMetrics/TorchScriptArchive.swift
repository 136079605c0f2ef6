import Foundation
import GANCore

/// The tensors of a TorchScript file (`torch.jit.save`) without PyTorch. Such a file is a ZIP
/// archive `<name>/data.pkl` + `<name>/data/<key>`: the pickle holds the module tree as objects
/// whose BUILD state is a dict of attributes, and each tensor as a call
/// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)` whose
/// storage is the persistent id `('storage', torch.FloatStorage, key, location, numel)`, the raw
/// bytes of `data/<key>` (PyTorch's `torch/_utils.py` and `torch/serialization.py`).
///
/// Tensors are named by their attribute path from the root module, as a `state_dict` names them
/// (`net.layers.conv.weight`). Only contiguous float32 tensors in little-endian storages are
/// read; anything else is a `GANMetricsError.unsupportedTensor` naming the tensor.
public enum TorchScriptArchive {
    /// Every tensor attribute of the modules in the TorchScript file held by `archive`.
    public static func tensors(in archive: ZipArchive) throws(GANMetricsError) -> [String: Tensor] {
        let pickles = archive.entries.filter { $0.name.hasSuffix("/data.pkl") && $0.name.split(separator: "/").count == 2 }
        guard pickles.count == 1, let pickle = pickles.first else {
            throw .corruptZip(path: archive.path, reason: "it is not a TorchScript file: \(pickles.count) '<name>/data.pkl' entries, expected 1")
        }
        let prefix = String(pickle.name.dropLast("data.pkl".count))
        if let order = archive.entry(named: prefix + "byteorder") {
            let text = String(decoding: try archive.contents(of: order), as: UTF8.self)
            guard text == "little" else {
                throw .corruptZip(path: archive.path, reason: "entry '\(order.name)' says '\(text)'; only little-endian storages are read")
            }
        }
        let root = try PickleReader.read(try archive.contents(of: pickle), path: "\(archive.path):\(pickle.name)")
        var tensors: [String: Tensor] = [:]
        try collect(root, name: "", prefix: prefix, archive: archive, into: &tensors)
        return tensors
    }

    /// Adds the tensors of the module object `value` (named `name`, "" for the root) and of its
    /// submodules.
    private static func collect(_ value: PickleValue, name: String, prefix: String, archive: ZipArchive,
                                into tensors: inout [String: Tensor]) throws(GANMetricsError) {
        guard case .object(.global(let module, _), _, .dict(let attributes)?) = value, module.hasPrefix("__torch__") else { return }
        for attribute in attributes {
            guard case .string(let key) = attribute.key else { continue }
            let path = name.isEmpty ? key : "\(name).\(key)"
            if case .object(.global("torch._utils", let function), let arguments, _) = attribute.value {
                guard function == "_rebuild_tensor_v2" else {
                    throw .unsupportedTensor(path: archive.path, tensor: path, reason: "it is rebuilt by torch._utils.\(function); only _rebuild_tensor_v2 is read")
                }
                tensors[path] = try rebuild(arguments, name: path, prefix: prefix, archive: archive)
            } else {
                try collect(attribute.value, name: path, prefix: prefix, archive: archive, into: &tensors)
            }
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, …)` from the storage's bytes.
    private static func rebuild(_ arguments: [PickleValue], name: String, prefix: String,
                                archive: ZipArchive) throws(GANMetricsError) -> Tensor {
        func fault(_ reason: String) -> GANMetricsError { .unsupportedTensor(path: archive.path, tensor: name, reason: reason) }
        guard arguments.count >= 4, case .persistentID(.tuple(let storage)) = arguments[0],
              case .int(let offset) = arguments[1], case .tuple(let sizeItems) = arguments[2],
              case .tuple(let strideItems) = arguments[3] else {
            throw fault("its _rebuild_tensor_v2 arguments are not (storage, offset, size, stride, …)")
        }
        guard storage.count == 5, storage[0] == .string("storage"), case .global(let module, let type) = storage[1],
              case .string(let key) = storage[2], case .int(let storageCount) = storage[4] else {
            throw fault("its storage is not ('storage', type, key, location, numel)")
        }
        guard module == "torch", type == "FloatStorage" else {
            throw fault("its storage is \(module).\(type); only torch.FloatStorage (float32) is read")
        }
        let shape = sizeItems.compactMap { if case .int(let n) = $0 { n } else { nil } }
        let strides = strideItems.compactMap { if case .int(let n) = $0 { n } else { nil } }
        guard shape.count == sizeItems.count, strides.count == shape.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw fault("its size \(sizeItems) or stride \(strideItems) is not a list of non-negative integers of one length")
        }
        var expected = 1
        for axis in shape.indices.reversed() {
            guard shape[axis] == 1 || strides[axis] == expected else {
                throw fault("it is not contiguous: size \(shape), stride \(strides)")
            }
            expected *= shape[axis]
        }
        let count = expected
        guard offset >= 0, offset + count <= storageCount else {
            throw fault("elements \(offset)..<\(offset + count) lie beyond its storage of \(storageCount)")
        }
        let entryName = "\(prefix)data/\(key)"
        guard archive.entry(named: entryName) != nil else { throw fault("its storage '\(entryName)' is not in the archive") }
        let data = try archive.contents(of: entryName)
        guard data.count == 4 * storageCount else {
            throw fault("its storage '\(entryName)' has \(data.count) bytes, expected 4 × \(storageCount)")
        }
        return data.withUnsafeBytes { raw in
            Tensor.make(shape) { out in
                UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(4 * offset)..<(4 * (offset + count))]))
                #if _endian(big)
                for i in out.indices { out[i] = Float(bitPattern: UInt32(littleEndian: out[i].bitPattern)) }
                #endif
            }
        }
    }
}
