#if LIBFUZZER
    import Foundation

    /// libFuzzer's driver (`-sanitize=fuzzer` links it): runs `callback` on the inputs it makes.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The target libFuzzer runs, named by `RNNLAB_FUZZ_TARGET` (lesson, csv, dialogs,
    /// safetensors, trace), and this process's scratch folder.
    private let selected: (target: FuzzTarget, folder: URL) = {
        let name = ProcessInfo.processInfo.environment["RNNLAB_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set RNNLAB_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return (target, ScratchFolder.make())
    }()

    /// Under libFuzzer: its command line (`-runs=N CORPUS…`), the target from the environment.
    @main
    struct LibFuzzerMain {
        static func main() {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runDriver(&argc, &argv) { data, size in
                selected.target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [], in: selected.folder)
                return 0
            })
        }
    }
#endif
