#if !LIBFUZZER
    import Foundation

    /// Without libFuzzer: a seeded mutation test. For each target, mutants of its corpus files
    /// (bit flips, byte changes, deletions, insertions, duplicated and swapped chunks, interesting
    /// numbers and splices of two files) are run one after the other; the same seed makes the
    /// same mutants. Before each run the input is saved as `LAST/TARGET.input`, so that a crash
    /// leaves it behind; an input that runs longer than the time limit is saved and ends the
    /// process with status 3.
    ///
    ///     rnnlab-fuzz TARGET CORPUS_FOLDER RUNS [SEED] [LAST_FOLDER] [SECONDS_PER_INPUT]
    @main
    struct MutationMain {
        static func main() {
            let arguments = CommandLine.arguments
            guard arguments.count >= 4, let target = FuzzTarget(rawValue: arguments[1]), let runs = Int(arguments[3]) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                let usage = "usage: rnnlab-fuzz \(names) CORPUS_FOLDER RUNS [SEED] [LAST_FOLDER] [SECONDS_PER_INPUT]\n"
                FileHandle.standardError.write(Data(usage.utf8))
                exit(2)
            }
            let corpus = URL(fileURLWithPath: arguments[2])
            let seed = arguments.count > 4 ? UInt64(arguments[4]) ?? 1 : 1
            let last = URL(fileURLWithPath: arguments.count > 5 ? arguments[5] : ".build/fuzz/last")
            let limit = arguments.count > 6 ? Double(arguments[6]) ?? 10 : 10
            let seeds = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
                .compactMap { FileManager.default.contents(atPath: corpus.appendingPathComponent($0).path) }.map { [UInt8]($0) }
            guard !seeds.isEmpty else {
                FileHandle.standardError.write(Data("rnnlab-fuzz: no files in \(corpus.path)\n".utf8))
                exit(2)
            }
            try? FileManager.default.createDirectory(at: last, withIntermediateDirectories: true)
            let saved = last.appendingPathComponent("\(target.rawValue).input")
            let folder = ScratchFolder.make()
            var mutator = Mutator(seed: seed)
            let watchdog = Watchdog(limit: limit, saved: saved)
            let start = Date()
            for run in 0..<runs {
                let input = run < seeds.count ? seeds[run] : mutator.mutant(of: seeds)
                try? Data(input).write(to: saved)
                watchdog.begin()
                target.run(input, in: folder)
                watchdog.end()
            }
            try? FileManager.default.removeItem(at: saved)
            try? FileManager.default.removeItem(at: folder)
            let seconds = Date().timeIntervalSince(start)
            let mutants = runs - min(runs, seeds.count)
            print("\(target.rawValue): \(runs) inputs (\(seeds.count) corpus files, \(mutants) mutants), 0 crashes, 0 hangs, "
                + "slowest input \(String(format: "%.2f", watchdog.slowest)) s, \(String(format: "%.0f", seconds)) s in all")
        }
    }
#endif
