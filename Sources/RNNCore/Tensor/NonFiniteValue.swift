/// Finds a number that is not finite (NaN or ±infinity) anywhere inside a value — a trace, a
/// forward pass's report — so that it is reported by name instead of written as JSON (which has
/// no such numbers) or drawn.
public enum NonFiniteValue {
    /// The path and value of the first non-finite number in `value`, as `steps[3].layers[0].h[2]
    /// is nan`, or `nil` when every number in it is finite. Properties are visited in their
    /// declared order, arrays in index order, dictionaries by sorted key.
    public static func first(in value: Any) -> String? {
        search(value, path: "")
    }

    /// A non-finite number as messages name it: `nan`, `inf` or `-inf` (a NaN's sign is noise).
    public static func name(of value: Double) -> String {
        value.isNaN ? "nan" : value > 0 ? "inf" : "-inf"
    }

    private static func search(_ value: Any, path: String) -> String? {
        switch value {
        case let number as Float:
            return number.isFinite ? nil : "\(path) is \(name(of: Double(number)))"
        case let number as Double:
            return number.isFinite ? nil : "\(path) is \(name(of: number))"
        case let numbers as [Float]:
            return numbers.firstIndex { !$0.isFinite }.map { "\(path)[\($0)] is \(name(of: Double(numbers[$0])))" }
        case let numbers as [Double]:
            return numbers.firstIndex { !$0.isFinite }.map { "\(path)[\($0)] is \(name(of: numbers[$0]))" }
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { search($0.value, path: path) }
        case .collection, .set:
            for (index, child) in mirror.children.enumerated() {
                if let found = search(child.value, path: "\(path)[\(index)]") { return found }
            }
        case .dictionary:
            let entries = mirror.children.compactMap { child -> (key: String, value: Any)? in
                let pair = Array(Mirror(reflecting: child.value).children)
                return pair.count == 2 ? ("\(pair[0].value)", pair[1].value) : nil
            }
            for entry in entries.sorted(by: { $0.key < $1.key }) {
                if let found = search(entry.value, path: "\(path).\(entry.key)") { return found }
            }
        case .enum:
            // An enum's payload (NestedArray's number or list) sits at the enum's own place.
            for child in mirror.children {
                if let found = search(child.value, path: path) { return found }
            }
        default:
            for child in mirror.children {
                let name = child.label.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path
                if let found = search(child.value, path: name) { return found }
            }
        }
        return nil
    }
}
