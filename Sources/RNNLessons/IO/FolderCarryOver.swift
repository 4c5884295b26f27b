import Foundation

/// Brings the files a new run does not write — the user's own, saved frames, chat pictures —
/// from an old folder into the fresh one that will replace it.
enum FolderCarryOver {
    /// Links (or, where links are impossible, copies) into `fresh` every file and folder of `old`
    /// that `accepting` takes, by its path inside the folder, and that `fresh` does not hold.
    /// Temporary files (`.NAME.PID.tmp`) of interrupted writes are left behind.
    ///
    /// - Returns: the paths of `old`'s files that were neither taken nor written again, sorted.
    static func link(from old: URL, into fresh: URL, accepting: (String) -> Bool) throws -> [String] {
        let manager = FileManager.default
        var dropped: [String] = []
        func visit(_ relative: String) throws {
            let source = relative.isEmpty ? old : old.appendingPathComponent(relative)
            let names = try manager.contentsOfDirectory(atPath: source.path).sorted()
            for name in names where !isTemporary(name) {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                let from = old.appendingPathComponent(path), to = fresh.appendingPathComponent(path)
                let attributes = try manager.attributesOfItem(atPath: from.path)
                let type = attributes[.type] as? FileAttributeType
                if type == .typeDirectory {
                    // A folder comes along with what it holds that comes along, or empty.
                    let isEmpty = try manager.contentsOfDirectory(atPath: from.path).isEmpty
                    if isEmpty && accepting(path) && !manager.fileExists(atPath: to.path) {
                        try manager.createDirectory(at: to, withIntermediateDirectories: true)
                    }
                    try visit(path)
                    continue
                }
                if manager.fileExists(atPath: to.path) || isSymbolicLinkPresent(at: to) { continue }
                guard accepting(path) else {
                    dropped.append(path)
                    continue
                }
                try manager.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                if type == .typeSymbolicLink {
                    let destination = try manager.destinationOfSymbolicLink(atPath: from.path)
                    try manager.createSymbolicLink(atPath: to.path, withDestinationPath: destination)
                } else if Foundation.link(from.path, to.path) != 0 {
                    try manager.copyItem(at: from, to: to)
                }
            }
        }
        try visit("")
        return dropped.sorted()
    }

    /// Whether `name` is a temporary file of `AtomicFile` (`.trace.json.1234.tmp`).
    static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let stem = name.dropLast(4)
        guard let dot = stem.lastIndex(of: ".") else { return false }
        let process = stem[stem.index(after: dot)...]
        return !process.isEmpty && process.allSatisfy(\.isNumber)
    }

    private static func isSymbolicLinkPresent(at url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }
}
