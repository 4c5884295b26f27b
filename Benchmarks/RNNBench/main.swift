// rnnlab-bench: the speed of the engine, against the PyTorch numbers of the issues.
// Run with `make bench` (release build, native CPU).
import Foundation

let arguments = Set(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
print("RNNLab benchmarks (release, \(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
EngineBenchmarks.run(quick: quick)
Seq2SeqBenchmarks.run(quick: quick)
