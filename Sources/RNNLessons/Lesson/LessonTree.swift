import Yams

/// Checks on a lesson file's composed YAML tree that decoding does not make.
enum LessonTree {
    /// The node at which the tree, with its aliases expanded, holds more than `limit` values, or
    /// `nil` when it holds at most `limit`. Counting stops at the limit, so a file of nested
    /// aliases (a "billion laughs") costs no more than a file of `limit` values.
    static func nodeBeyond(_ limit: Int, in root: Node) -> Node? {
        var count = 0
        func visit(_ node: Node) -> Node? {
            count += 1
            if count > limit { return node }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if let beyond = visit(key) ?? visit(value) { return beyond }
                }
            case .sequence(let sequence):
                for element in sequence {
                    if let beyond = visit(element) { return beyond }
                }
            default:
                break
            }
            return nil
        }
        return visit(root)
    }

    /// The key path of the first key given with an empty value (`show:` with nothing after the
    /// colon), which decoding would take as "not given" and fill with a default.
    static func emptyValue(in root: Node) -> [String]? {
        func search(_ node: Node, path: [String]) -> [String]? {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    let keyPath = path + [key.scalar?.string ?? "?"]
                    if value.null != nil { return keyPath }
                    if let found = search(value, path: keyPath) { return found }
                }
            case .sequence(let sequence):
                for (index, element) in sequence.enumerated() {
                    if let found = search(element, path: path + [String(index)]) { return found }
                }
            default:
                break
            }
            return nil
        }
        return search(root, path: [])
    }
}
