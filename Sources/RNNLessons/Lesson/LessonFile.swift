import Foundation
import Yams

/// A lesson read from its file: the decoded lesson, where it lives, its hash, and the places of
/// its keys for error messages.
public struct LessonFile: Sendable {
    /// The lesson.
    public var lesson: Lesson
    /// The file it was read from.
    public let url: URL
    /// A hash of what the file says about training: its task, data, model and train sections
    /// (`LessonHash.training(of:)`).
    public private(set) var hash: String
    /// The file's text, kept so that variants of the lesson can be read from it (`patched`).
    private let text: String
    private let locations: LessonLocations

    /// Reads and checks a `.yaml`, `.yml` or `.json` lesson file.
    ///
    /// - Throws: `LessonError` with one line: `file:line:column: key.path: what is wrong; what is allowed`.
    public init(contentsOf url: URL) throws {
        let display = Self.displayPath(url)
        let ext = url.pathExtension.lowercased()
        guard ["yaml", "yml", "json"].contains(ext) else {
            throw LessonError("\(display): not a lesson file; expected a .yaml, .yml or .json file")
        }
        let bytes: [UInt8]
        do { bytes = try AtomicFile.read(url, limit: (LessonLimits.fileBytes, "a lesson file")) } catch let error as FileError {
            throw LessonError("\(display): \(error.message)")
        }
        try self.init(bytes: bytes, url: url)
    }

    /// Reads and checks a lesson file's bytes, as if read from `url` (which names it in errors
    /// and is the folder its paths are relative to).
    ///
    /// - Throws: `LessonError` with one line, as `init(contentsOf:)`.
    public init(bytes: [UInt8], url: URL) throws {
        self.url = url
        let display = Self.displayPath(url)
        guard bytes.count <= LessonLimits.fileBytes else {
            throw LessonError("\(display): \(bytes.count) bytes; a lesson file has at most \(LessonLimits.fileBytes)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LessonError("\(display): not UTF-8 text")
        }
        self.text = text
        let root = try Self.compose(text, file: display)
        hash = LessonHash.training(of: root)
        locations = LessonLocations(root: root)
        lesson = try Self.decode(root, file: display, locations: locations)
    }

    /// The same lesson file with the values at some key paths replaced (`["model", "cell"]` →
    /// `"gru"`), read and checked exactly as if the file said so: a variant of a comparison.
    ///
    /// - Throws: `LessonError` naming the file and the key when a value is not allowed there.
    public func patched(_ values: [(path: [String], value: String)]) throws -> LessonFile {
        let display = Self.displayPath(url)
        var root = try Self.compose(text, file: display)
        for (path, value) in values { root = Self.replacing(path[...], with: value, in: root) }
        var result = self
        result.lesson = try Self.decode(root, file: display, locations: locations)
        result.hash = LessonHash.training(of: root)
        return result
    }

    /// `node` with the scalar at `path` set to `value`, creating the mappings on the way.
    private static func replacing(_ path: ArraySlice<String>, with value: String, in node: Node) -> Node {
        guard let key = path.first else { return Node(value) }
        var mapping = node.mapping ?? Node.Mapping([])
        mapping[key] = replacing(path.dropFirst(), with: value, in: mapping[key] ?? .mapping(Node.Mapping([])))
        return .mapping(mapping)
    }

    /// The YAML tree of `text` (JSON is read by the YAML parser too, so both kinds of file get
    /// lines and columns), refused when its aliases expand it past `LessonLimits.expandedValues`.
    private static func compose(_ text: String, file display: String) throws -> Node {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw LessonError("\(display): the file is empty; expected a lesson") }
            root = node
        } catch let error as YamlError {
            throw LessonError(Self.describe(error, file: display))
        }
        if let beyond = LessonTree.nodeBeyond(LessonLimits.expandedValues, in: root) {
            throw LessonError(
                Self.line(display, beyond.mark, [], "the file's aliases (*name) expand it to more than "
                    + "\(LessonLimits.expandedValues) values; expected a lesson of a few dozen"))
        }
        return root
    }

    /// The lesson of a YAML tree, or one line naming the file, place and problem. A lesson
    /// without `name` is named after its file (`display`, without the extension); a key given
    /// with an empty value is an error, not the default.
    private static func decode(_ root: Node, file display: String, locations: LessonLocations) throws -> Lesson {
        let fileName = ((display as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            let lesson = try YAMLDecoder().decode(Lesson.self, from: root, userInfo: [Lesson.fileNameKey: fileName])
            if let path = LessonTree.emptyValue(in: root) {
                throw LessonFieldError(path: path, message: "empty; expected a value (leave the key out for its default)")
            }
            return lesson
        } catch let error as LessonFieldError {
            throw LessonError(Self.line(display, locations.mark(for: error.path, anchor: error.anchor), error.path, error.message))
        } catch let error as DecodingError {
            let (path, message) = Self.describe(error, root: root)
            throw LessonError(Self.line(display, locations.mark(for: path, anchor: .value), path, message))
        }
    }

    /// The folder that paths inside the lesson are relative to.
    public var folder: URL { url.deletingLastPathComponent() }

    /// A path written in the lesson, resolved against the lesson file's folder.
    public func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
    }

    /// An error about the value at `path` in this lesson, as one line with its place.
    public func error(at path: [String], _ message: String, anchor: LessonFieldError.Anchor = .value) -> LessonError {
        LessonError(Self.line(Self.displayPath(url), locations.mark(for: path, anchor: anchor), path, message))
    }

    /// The file's path as the user would write it: relative to the current folder when inside it.
    public static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func line(_ file: String, _ mark: Mark?, _ path: [String], _ message: String) -> String {
        let place = mark.map { "\(file):\($0.line):\($0.column)" } ?? file
        let key = path.isEmpty ? "" : path.joined(separator: ".") + ": "
        return "\(place): \(key)\(message)"
    }

    private static func describe(_ error: YamlError, file: String) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(file):\(mark.line):\(mark.column): not valid YAML (\(problem))"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "\(file):\(context.mark.line):\(context.mark.column): \(duplicates.joined(separator: ", ")): the key is given twice"
        case .reader(let problem, let offset, let value, let yaml):
            let place = offset.map { TextPosition(of: $0, in: yaml).description } ?? ""
            let character = value >= 0 ? String(format: " U+%04X", value) : ""
            return "\(file)\(place): not valid YAML (\(problem)\(character)); expected printable text"
        default:
            return "\(file): not valid YAML (\(Excerpt.quoted(String(describing: error))))"
        }
    }

    /// The key path and a message for a decoding error, showing the value that was found.
    private static func describe(_ error: DecodingError, root: Node) -> ([String], String) {
        func found(_ path: [String]) -> String {
            var node: Node? = root
            for component in path {
                if let index = Int(component), let sequence = node?.sequence, index < sequence.count {
                    node = sequence[index]
                } else {
                    node = node?.mapping?[component]
                }
            }
            switch node {
            case .scalar(let scalar)?: return Excerpt.quoted(scalar.string)
            case .mapping?: return "a mapping"
            case .sequence?: return "a list"
            default: return "this"
            }
        }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type, is UInt64.Type: "an integer"
            case is Double.Type, is Float.Type: "a number"
            case is Bool.Type: "true or false"
            case is String.Type: "a text"
            case is [String].Type: "a list of texts"
            case is [Int].Type: "a list of integers"
            default: "a value of another kind"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            let path = context.codingPath.map(\.stringValue)
            return (path, "\(found(path)) is not \(expected(type))")
        case .valueNotFound(let type, let context):
            let path = context.codingPath.map(\.stringValue)
            return (path, "empty; expected \(expected(type))")
        case .keyNotFound(let key, let context):
            return ((context.codingPath + [key]).map(\.stringValue), "missing")
        case .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue)
            return (path, "\(found(path)) cannot be read (\(context.debugDescription))")
        @unknown default:
            return ([], "cannot be read")
        }
    }
}

/// A lesson that cannot be loaded or run, in one line that names the file and place.
public struct LessonError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The line.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
