// rnnlab-bench: the speed of the engine, against the PyTorch numbers of the issues.
// Run with `make bench` (release build, native CPU). `--quick` measures for less time;
// naming groups (`engine`, `seq2seq`, `lessons`, `texts`, `experiments`, `animations`, `figures`) runs only those; run from the package root.
// `--only TEXT` keeps the engine cases whose name contains TEXT (for profiling one, e.g. `--only H=512`).
// `figures` draws from saved traces (`--traces DIR`, default `output`) and is not part of the default run;
// it ends with the deflate trial on the PNG files in the same folder, which `deflate` runs alone.
// RNNLAB_THREADS=1 keeps the engine on one thread, as for rnnlab.
import Foundation
import RNNCore

if let threads = ProcessInfo.processInfo.environment["RNNLAB_THREADS"].flatMap({ Int($0) }) { EngineThreads.limit(to: threads) }

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")

/// The value after `option`, if given.
func value(of option: String) -> String? {
    guard let index = arguments.firstIndex(of: option), arguments.indices.contains(index + 1) else { return nil }
    return arguments[index + 1]
}

let only = value(of: "--only")
let tracesFolder = value(of: "--traces")
let groups = Set(arguments.filter { !$0.hasPrefix("--") && $0 != only && $0 != tracesFolder })
func wanted(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }

print("RNNLab benchmarks (release, \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
if wanted("engine") { EngineBenchmarks.run(quick: quick, only: only) }
if wanted("seq2seq") { Seq2SeqBenchmarks.run(quick: quick) }
if wanted("lessons") { try LessonBenchmarks.run() }
if wanted("texts") { try TextBenchmarks.run() }
if wanted("experiments") { try ExperimentBenchmarks.run() }
if wanted("animations") { try AnimationBenchmarks.run() }
if groups.contains("figures") { try FigureBenchmarks.run(tracesFolder: tracesFolder ?? "output") }
if groups.contains("figures") || groups.contains("deflate") {
    try DeflateTrial.run(folder: URL(fileURLWithPath: tracesFolder ?? "output"))
}
