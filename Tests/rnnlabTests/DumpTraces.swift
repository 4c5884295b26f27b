import Foundation
import Testing

/// Writes the test traces as JSON into `$RNNLAB_DUMP_TRACES` (when set), to try `rnnlab view` by hand.
@Test(.enabled(if: ProcessInfo.processInfo.environment["RNNLAB_DUMP_TRACES"] != nil))
func dumpTestTraces() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["RNNLAB_DUMP_TRACES"]!)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, trace) in TestTraces.all {
        try JSONEncoder().encode(trace).write(to: folder.appendingPathComponent("\(name).json"))
    }
}
