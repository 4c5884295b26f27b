// rnnlab-bench: the speed of the engine, against the PyTorch numbers of the issues.
// Run with `make bench` (release build, native CPU). `--quick` measures for less time;
// naming groups (`engine`, `seq2seq`, `lessons`, `figures`) runs only those; run from the package root.
// `figures` draws from saved traces (`--traces DIR`, default `output`) and is not part of the default run.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let tracesIndex = arguments.firstIndex(of: "--traces")
let tracesFolder = tracesIndex.map { arguments.index(after: $0) }.flatMap { arguments.indices.contains($0) ? arguments[$0] : nil }
let groups = Set(arguments.filter { !$0.hasPrefix("--") && $0 != tracesFolder })
func wanted(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }

print("RNNLab benchmarks (release, \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
if wanted("engine") { EngineBenchmarks.run(quick: quick) }
if wanted("seq2seq") { Seq2SeqBenchmarks.run(quick: quick) }
if wanted("lessons") { try LessonBenchmarks.run() }
if groups.contains("figures") { try FigureBenchmarks.run(tracesFolder: tracesFolder ?? "output") }
