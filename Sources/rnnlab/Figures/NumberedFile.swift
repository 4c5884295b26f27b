import Foundation

/// Files numbered on in a folder — `frame-1.png`, `frame-2.png`, … — so that a new file never
/// overwrites an earlier one, not even one written in an earlier session.
enum NumberedFile {
    /// `folder/PREFIX-N.EXT`, N one more than the largest number of such a file already in
    /// `folder` (1 when there is none).
    static func next(in folder: URL, prefix: String, extension ext: String) -> URL {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let numbers = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix + "-"), name.hasSuffix("." + ext) else { return nil }
            return Int(name.dropFirst(prefix.count + 1).dropLast(ext.count + 1))
        }
        return folder.appendingPathComponent("\(prefix)-\((numbers.max() ?? 0) + 1).\(ext)")
    }
}
