import Yams

/// Where each key and value of a lesson file is written: line and column by key path.
struct LessonLocations: Sendable {
    private var values: [String: Mark] = [:]
    private var keys: [String: Mark] = [:]

    /// Walks the composed YAML (or JSON) document.
    init(root: Node) { visit(root, path: []) }

    init() {}

    private mutating func visit(_ node: Node, path: [String]) {
        let joined = path.joined(separator: ".")
        if let mark = node.mark { values[joined] = mark }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.scalar?.string ?? "?"
                if let mark = key.mark { keys[(path + [name]).joined(separator: ".")] = mark }
                visit(value, path: path + [name])
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() { visit(element, path: path + [String(index)]) }
        default:
            break
        }
    }

    /// The place `error` points at, or the nearest enclosing place known.
    func mark(for path: [String], anchor: LessonFieldError.Anchor) -> Mark? {
        let joined = path.joined(separator: ".")
        switch anchor {
        case .key: if let mark = keys[joined] { return mark }
        case .value: if let mark = values[joined] { return mark }
        case .parent: break
        }
        var prefix = anchor == .parent ? Array(path.dropLast()) : path
        while true {
            if let mark = values[prefix.joined(separator: ".")] { return mark }
            if prefix.isEmpty { return nil }
            prefix.removeLast()
        }
    }
}
