// rnnlab-bench: the speed of the engine, against the PyTorch numbers of the issues.
// Run with `make bench` (release build, native CPU). `--quick` measures for less time;
// naming groups (`engine`, `seq2seq`, `lessons`) runs only those; run from the package root.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let groups = Set(arguments.filter { !$0.hasPrefix("--") })
func wanted(_ group: String) -> Bool { groups.isEmpty || groups.contains(group) }

print("RNNLab benchmarks (release, \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
if wanted("engine") { EngineBenchmarks.run(quick: quick) }
if wanted("seq2seq") { Seq2SeqBenchmarks.run(quick: quick) }
if wanted("lessons") { try LessonBenchmarks.run() }
