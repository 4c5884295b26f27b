/// Numbers nested to any depth, for JSON: a tensor of shape `[2, 3]` is `[[a, b, c], [d, e, f]]`.
public indirect enum NestedArray: Codable, Sendable, Equatable {
    /// A single number.
    case number(Float)
    /// A list of nested arrays.
    case list([NestedArray])

    /// The elements of `values` (row-major) nested by `shape`; a scalar when `shape` is empty.
    public init(_ values: some Collection<Float>, shape: [Int]) {
        let flat = Array(values)
        precondition(flat.count == shape.reduce(1, *), "\(flat.count) values do not fill \(shape)")
        func build(_ offset: Int, _ dimension: Int) -> NestedArray {
            if dimension == shape.count { return .number(flat[offset]) }
            let stride = shape[(dimension + 1)...].reduce(1, *)
            return .list((0..<shape[dimension]).map { build(offset + $0 * stride, dimension + 1) })
        }
        self = build(0, 0)
    }

    /// A tensor's elements nested by its shape.
    public init(_ tensor: Tensor) { self.init(tensor.values, shape: tensor.shape) }

    /// The numbers in row-major order.
    public var flattened: [Float] {
        switch self {
        case .number(let value): [value]
        case .list(let items): items.flatMap(\.flattened)
        }
    }

    /// The size of each dimension (from the first element at each depth).
    public var shape: [Int] {
        switch self {
        case .number: []
        case .list(let items): [items.count] + (items.first?.shape ?? [])
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Float.self) {
            self = .number(value)
        } else {
            self = .list(try container.decode([NestedArray].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .list(let items): try container.encode(items)
        }
    }
}
