// rnnlab-bench: the speed of the engine, against the PyTorch numbers of the issues.
// Run with `make bench` (release build, native CPU). `--quick` measures for less time;
// naming groups (`engine`, `seq2seq`, `lessons`) runs only those; `--only TEXT` keeps the
// engine cases whose name contains TEXT (for profiling one, e.g. `--only H=512`); run from
// the package root.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let only = arguments.firstIndex(of: "--only").flatMap { arguments.index(after: $0) < arguments.endIndex ? arguments[arguments.index(after: $0)] : nil }
let groups = Set(arguments.filter { !$0.hasPrefix("--") && $0 != only })
func wanted(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }

print("RNNLab benchmarks (release, \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
if wanted("engine") { EngineBenchmarks.run(quick: quick, only: only) }
if wanted("seq2seq") { Seq2SeqBenchmarks.run(quick: quick) }
if wanted("lessons") { try LessonBenchmarks.run() }
