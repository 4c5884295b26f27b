import Foundation

/// The tensors and metadata of a safetensors file.
public struct SafeTensorsFile {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// The string metadata (`__metadata__`).
    public var metadata: [String: String]

    /// Creates a file's contents.
    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, or an error naming the file and the tensor when it is missing or
    /// holds a value that is not finite (a model must never compute with NaN or infinity).
    public func tensor(_ name: String, source: String) throws -> Tensor {
        guard let tensor = tensors[name] else {
            let known = tensors.keys.sorted().joined(separator: ", ")
            throw CheckpointError(source: source, message: "missing tensor '\(name)' (the file has: \(known))")
        }
        if let index = tensor.buffer.firstIndex(where: { !$0.isFinite }) {
            let value = NonFiniteValue.name(of: Double(tensor[index]))
            throw CheckpointError(
                source: source, message: "tensor '\(name)' holds \(value) at \(Self.place(of: index, in: tensor.shape)); expected finite weights")
        }
        return tensor
    }

    /// The multi-index of element `index` of a row-major tensor: `[2, 3]`.
    static func place(of index: Int, in shape: [Int]) -> String {
        var rest = index
        var place: [Int] = []
        for dimension in shape.reversed() where dimension > 0 {
            place.append(rest % dimension)
            rest /= dimension
        }
        return "[" + place.reversed().map(String.init).joined(separator: ", ") + "]"
    }
}

/// A checkpoint that cannot be read, with the file and what is wrong, in one line.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file (or other source) that was read.
    public var source: String
    /// What is wrong and what was expected.
    public var message: String

    /// Creates an error.
    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}

/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON
/// header mapping names to `{dtype, shape, data_offsets}` (plus `__metadata__`), then the data.
///
/// Reading checks every size against the file before allocating, so a damaged or hostile file
/// gives a `CheckpointError`, never a trap or a huge allocation. Tensors of type F32, F64, F16
/// and BF16 are read (converted to `Float`); files are written as F32.
public enum SafeTensors {
    /// The largest header accepted (the format's own limit is 100 MB).
    public static let maximumHeaderSize = 100_000_000

    /// Decodes a file's bytes; `source` names it in errors.
    public static func decode(_ bytes: [UInt8], source: String) throws -> SafeTensorsFile {
        func fail(_ message: String) -> CheckpointError { CheckpointError(source: source, message: message) }
        guard bytes.count >= 8 else {
            throw fail("\(bytes.count) bytes is too short for a safetensors file (expected an 8-byte header length first)")
        }
        var length: UInt64 = 0
        for index in 0..<8 { length |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        guard length <= UInt64(bytes.count - 8), length <= UInt64(maximumHeaderSize) else {
            throw fail("header length \(length) runs past the end of the file (\(bytes.count) bytes)")
        }
        let headerEnd = 8 + Int(length)
        let header: Any
        do {
            header = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw fail("the header is not valid JSON (\(error.localizedDescription))")
        }
        guard let entries = header as? [String: Any] else { throw fail("the header is not a JSON object") }
        let dataCount = bytes.count - headerEnd
        var file = SafeTensorsFile()
        var extents: [(name: String, range: Range<Int>)] = []
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            if name == "__metadata__" {
                guard let metadata = entry as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                file.metadata = metadata
                continue
            }
            guard let fields = entry as? [String: Any], let dtypeName = fields["dtype"] as? String,
                let shapeValues = fields["shape"] as? [Any], let offsetValues = fields["data_offsets"] as? [Any]
            else { throw fail("tensor '\(name)' needs dtype, shape and data_offsets") }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw fail("tensor '\(name)' has dtype \(dtypeName); RNNLab reads F32, F64, F16 and BF16")
            }
            let shape = try shapeValues.map { value -> Int in
                guard let number = value as? Int, number >= 0, number <= Int(Int32.max) else {
                    throw fail("tensor '\(name)' has a bad shape \(shapeValues) (expected non-negative integers)")
                }
                return number
            }
            guard offsetValues.count == 2, let begin = offsetValues[0] as? Int, let end = offsetValues[1] as? Int,
                begin >= 0, begin <= end, end <= dataCount
            else {
                throw fail("tensor '\(name)' has data_offsets \(offsetValues) outside the \(dataCount) data bytes")
            }
            var elements = 1
            for dimension in shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= dataCount else {
                    throw fail("tensor '\(name)' of shape \(shape) is larger than the file")
                }
                elements = product
            }
            guard elements * dtype.size == end - begin else {
                throw fail(
                    "tensor '\(name)' of shape \(shape) and dtype \(dtypeName) needs \(elements * dtype.size) bytes, "
                        + "but data_offsets give \(end - begin)")
            }
            extents.append((name, begin..<end))
            let tensor = Tensor(shape: shape)
            dtype.convert(bytes, from: headerEnd + begin, count: elements, into: tensor.pointer)
            file.tensors[name] = tensor
        }
        try checkLayout(of: extents, dataCount: dataCount, fail: fail)
        return file
    }

    /// Checks, as the format's reference implementation does, that the tensors' data follow each
    /// other without overlap or gap from the first data byte to the last.
    private static func checkLayout(
        of extents: [(name: String, range: Range<Int>)], dataCount: Int, fail: (String) -> CheckpointError
    ) throws {
        var end = 0
        let ordered = extents.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        for (name, range) in ordered {
            guard range.lowerBound == end else {
                let problem = range.lowerBound < end ? "overlap the tensor before it" : "leave a gap of \(range.lowerBound - end) bytes"
                throw fail(
                    "tensor '\(name)' has data_offsets [\(range.lowerBound), \(range.upperBound)] that \(problem) (which ends at \(end)); "
                        + "expected each tensor's data right after the one before")
            }
            end = range.upperBound
        }
        guard end == dataCount else {
            throw fail("the tensors' data end at byte \(end) of \(dataCount); expected them to fill the file")
        }
    }

    /// Encodes tensors, in the given order, as F32, with `metadata`. The bytes depend only on
    /// the arguments.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) -> [UInt8] {
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let size = tensor.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64(index)))) }
        bytes += header
        for (_, tensor) in tensors {
            for index in 0..<tensor.count {
                let bits = tensor[index].bitPattern
                for byte in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(byte)))) }
            }
        }
        return bytes
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The element types read.
    private enum DType: String {
        case f32 = "F32", f64 = "F64", f16 = "F16", bf16 = "BF16"

        var size: Int {
            switch self {
            case .f32: 4
            case .f64: 8
            case .f16, .bf16: 2
            }
        }

        func convert(_ bytes: [UInt8], from start: Int, count: Int, into destination: UnsafeMutablePointer<Float>) {
            func word(_ index: Int) -> UInt64 {
                var value: UInt64 = 0
                for byte in 0..<size { value |= UInt64(bytes[start + index * size + byte]) << (8 * UInt64(byte)) }
                return value
            }
            for index in 0..<count {
                let bits = word(index)
                switch self {
                case .f32: destination[index] = Float(bitPattern: UInt32(bits))
                case .f64: destination[index] = Float(Double(bitPattern: bits))
                case .f16: destination[index] = Float(halfPrecisionValue(UInt16(bits)))
                case .bf16: destination[index] = Float(bitPattern: UInt32(bits) << 16)
                }
            }
        }
    }
}

/// IEEE half precision from its bits (Float16 is not available on every platform).
private func halfPrecisionValue(_ bits: UInt16) -> Double {
    let sign: Double = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F), fraction = Double(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
}
