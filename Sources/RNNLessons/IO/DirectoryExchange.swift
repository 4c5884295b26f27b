import Foundation

/// Swaps two paths in one step (Linux `renameat2(…, RENAME_EXCHANGE)`, macOS `renamex_np(…,
/// RENAME_SWAP)`): at every moment each name holds one whole folder, whatever happens to the
/// process. Where the system cannot swap, `exchange` returns `false` and nothing moved.
enum DirectoryExchange {
    /// Swaps what `first` and `second` name; both must exist. `false` when the system or file
    /// system cannot swap (then nothing changed); other failures throw.
    static func exchange(_ first: URL, _ second: URL) throws -> Bool {
        let status = swap(first.path, second.path)
        if status == 0 { return true }
        let code = errno
        if code == ENOSYS || code == EINVAL || code == ENOTSUP || code == EOPNOTSUPP { return false }
        throw FileError(path: LessonFile.displayPath(second), message: "cannot be replaced (\(FileError.reason(errno: code)))")
    }

    #if os(Linux)
        private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        /// glibc's `renameat2`, which Swift's Glibc module does not declare; `nil` before glibc 2.28.
        private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
        private static let renameExchange: UInt32 = 2

        private static func swap(_ first: String, _ second: String) -> Int32 {
            guard let renameat2 else {
                errno = ENOSYS
                return -1
            }
            return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange)
        }
    #else
        private static func swap(_ first: String, _ second: String) -> Int32 {
            renamex_np(first, second, UInt32(RENAME_SWAP))
        }
    #endif
}
