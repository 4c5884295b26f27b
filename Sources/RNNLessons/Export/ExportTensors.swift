import Foundation

/// Tensors of numbers and of indices in one safetensors file: the data a PyTorch script reads
/// (`safetensors.torch.load_file`). RNNLab's checkpoints hold F32 only; data needs integers too.
struct ExportTensors {
    private var entries: [(name: String, dtype: String, shape: [Int], bytes: [UInt8])] = []

    /// Adds F32 values of `shape`.
    mutating func add(_ name: String, floats values: [Float], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        entries.append((name, "F32", shape, bytes))
    }

    /// Adds I64 values of `shape`.
    mutating func add(_ name: String, integers values: [Int], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
        entries.append((name, "I64", shape, bytes))
    }

    /// Adds I32 values of `shape` (a text's character indices: half the bytes of I64).
    mutating func add(_ name: String, indices values: [UInt16], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: Int32(value).littleEndian) { bytes += $0 } }
        entries.append((name, "I32", shape, bytes))
    }

    /// The file's bytes: the 8-byte header length, the JSON header (padded to 8 bytes), the data.
    var bytes: [UInt8] {
        var offset = 0
        var fields: [String] = []
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            fields.append("\"\(entry.name)\":{\"dtype\":\"\(entry.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + entry.bytes.count)]}")
            offset += entry.bytes.count
        }
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var result: [UInt8] = []
        result.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { result += $0 }
        result += header
        for entry in entries { result += entry.bytes }
        return result
    }
}
