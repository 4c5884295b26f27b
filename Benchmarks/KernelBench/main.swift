// Speed of the engine's matrix product and activations.
//
//     swift build -c release -Xswiftc -target-cpu -Xswiftc native --product kernel-bench
//     .build/release/kernel-bench [part of a product's label]
//
// GFLOP/s counts 2·m·n·k operations per product. Each figure is the best of several timed
// batches, every batch long enough (about 30 ms) for the clock to be exact. "bits = loop" says
// whether the product equals the defining loop (`c = c + a·b`, p in order) bit for bit.
// RNNLAB_THREADS=1 measures one thread.
import Dispatch
import Foundation
import RNNCore

if let threads = ProcessInfo.processInfo.environment["RNNLAB_THREADS"].flatMap({ Int($0) }) { EngineThreads.limit(to: threads) }

/// Seconds per call of `body`: the best of `batches` batches of calls.
func secondsPerCall(batches: Int = 7, _ body: () -> Void) -> Double {
    body()
    var repetitions = 1
    while true {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repetitions { body() }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        if elapsed >= 30_000_000 || repetitions >= 1 << 26 { break }
        repetitions *= 2
    }
    var best = Double.infinity
    for _ in 0..<batches {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repetitions { body() }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        best = min(best, Double(elapsed) / 1e9 / Double(repetitions))
    }
    return best
}

/// A buffer of `count` reproducible values in `-scale ..< scale`.
func randomBuffer(_ count: Int, scale: Float = 1, seed: UInt64 = 1) -> UnsafeMutablePointer<Float> {
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    for index in 0..<count {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        buffer[index] = (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
    }
    return buffer
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func format1(_ value: Double) -> String { String(Double(Int((value * 10).rounded())) / 10) }
func format3(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : String(Double(Int((value * 1000).rounded())) / 1000)
}

struct Shape {
    var label: String
    var m: Int, k: Int, n: Int
    var transposedA = false
    var accumulate = false
}

let shapes = [
    Shape(label: "LSTM H=128 B=32 gates", m: 32, k: 256, n: 512),
    Shape(label: "input projection", m: 1600, k: 128, n: 512),
    Shape(label: "weight gradient (Aᵀ)", m: 512, k: 1600, n: 128, transposedA: true, accumulate: true),
    Shape(label: "wide", m: 64, k: 1024, n: 2048),
    Shape(label: "large", m: 3200, k: 512, n: 2048),
    Shape(label: "tiny", m: 1, k: 15, n: 40),
    Shape(label: "LSTM H=32 B=32 gates", m: 32, k: 512, n: 128),
    Shape(label: "LSTM H=64 B=32 gates", m: 32, k: 128, n: 256),
    Shape(label: "LSTM H=64 B=1 gates", m: 1, k: 128, n: 256),
    Shape(label: "LSTM H=128 B=32 step", m: 32, k: 128, n: 512, accumulate: true),
    Shape(label: "LSTM H=128 B=32 step back", m: 32, k: 512, n: 128),
    Shape(label: "LSTM H=512 B=64 step", m: 64, k: 512, n: 2048, accumulate: true),
    Shape(label: "LSTM H=512 B=64 step back", m: 64, k: 2048, n: 512),
    Shape(label: "LSTM H=512 weight gradient (Aᵀ)", m: 2048, k: 3200, n: 512, transposedA: true, accumulate: true),
    Shape(label: "LSTM H=512 input gradient", m: 3200, k: 2048, n: 512),
    Shape(label: "seq2seq read-out", m: 304, k: 128, n: 356, accumulate: true),
    Shape(label: "seq2seq read-out input gradient", m: 304, k: 356, n: 128),
    Shape(label: "seq2seq read-out weight gradient (Aᵀ)", m: 356, k: 304, n: 128, transposedA: true, accumulate: true),
    Shape(label: "seq2seq decoder step, half batch", m: 16, k: 128, n: 384, accumulate: true),
    Shape(label: "seq2seq decoder step back, half batch", m: 16, k: 384, n: 128),
    Shape(label: "seq2seq decoder embedded inputs", m: 480, k: 64, n: 384, accumulate: true),
    Shape(label: "seq2seq decoder weight gradient (Aᵀ)", m: 384, k: 480, n: 192, transposedA: true, accumulate: true),
    Shape(label: "seq2seq attention query, half batch", m: 16, k: 128, n: 128),
    Shape(label: "seq2seq decoder step, 3 rows left", m: 3, k: 128, n: 384, accumulate: true),
    Shape(label: "seq2seq decoder step, 7 rows left", m: 7, k: 128, n: 384, accumulate: true),
    Shape(label: "seq2seq decoder step back, 6 rows left", m: 6, k: 384, n: 128),
    Shape(label: "seq2seq decoder step, 11 rows left", m: 11, k: 128, n: 384, accumulate: true),
    Shape(label: "long-sequence step back (25 columns)", m: 85, k: 100, n: 25),
    Shape(label: "long-sequence read-out (25 columns)", m: 1700, k: 25, n: 25, accumulate: true),
    Shape(label: "stock step back (10 columns)", m: 128, k: 40, n: 10),
    Shape(label: "LSTM H=25 input gradient (25 columns)", m: 1700, k: 100, n: 25),
    Shape(label: "LSTM H=25 weight gradient (Aᵀ)", m: 25, k: 1700, n: 100, transposedA: true, accumulate: true),
    Shape(label: "LSTM H=25 input projection", m: 1700, k: 25, n: 100, accumulate: true),
]

/// Only the products whose label contains the first argument, if any.
let filter = CommandLine.arguments.dropFirst().first

var checksum: Float = 0
print("| product | m | k | n | µs/call | GFLOP/s | bits = loop |")
print("|---|--:|--:|--:|--:|--:|:-:|")
for shape in shapes where filter.map({ shape.label.contains($0) }) ?? true {
    let a = randomBuffer(shape.m * shape.k, seed: 1)
    let b = randomBuffer(shape.k * shape.n, seed: 2)
    let c = randomBuffer(shape.m * shape.n, scale: 0.01, seed: 3)
    let operand: MatrixMultiply.Operand = shape.transposedA
        ? .transposed(a, leadingDimension: shape.m) : .rowMajor(a, leadingDimension: shape.k)
    let initial = randomBuffer(shape.m * shape.n, scale: 0.01, seed: 3)
    let multiply = {
        MatrixMultiply.multiply(
            m: shape.m, n: shape.n, k: shape.k, a: operand, b: b, ldb: shape.n, c: c, ldc: shape.n,
            accumulate: shape.accumulate)
    }
    let seconds = secondsPerCall(multiply)
    checksum += c[shape.m * shape.n / 2]
    // Check the release build against the defining loop, on every row of small products and
    // on evenly spread rows of large ones.
    c.update(from: initial, count: shape.m * shape.n)
    multiply()
    var identical = true
    for i in stride(from: 0, to: shape.m, by: max(1, shape.m * shape.n * shape.k / 20_000_000)) {
        for j in 0..<shape.n {
            var expected = shape.accumulate ? initial[i * shape.n + j] : 0
            for p in 0..<shape.k {
                let scale = shape.transposedA ? a[p * shape.m + i] : a[i * shape.k + p]
                expected = expected.addingProduct(scale, b[p * shape.n + j])
            }
            identical = identical && expected.bitPattern == c[i * shape.n + j].bitPattern
        }
    }
    let gflops = 2 * Double(shape.m * shape.n * shape.k) / seconds / 1e9
    print("| \(shape.label) | \(shape.m) | \(shape.k) | \(shape.n) | "
        + "\(pad(format3(seconds * 1e6), 9)) | \(pad(format1(gflops), 6)) | \(identical ? "yes" : "NO") |")
    for buffer in [a, b, c, initial] { buffer.deallocate() }
}

// Element-wise activations over a buffer of lesson-sized and batch-sized lengths: a loop over
// the scalar function, and the buffer function (SIMD16), which must give the same bits.
print("")
print("| activation | count | scalar loop ns/element | buffer ns/element | bits = scalar |")
print("|---|--:|--:|--:|:-:|")
typealias BufferFunction = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
let activations: [(String, scalarLoop: BufferFunction, buffer: BufferFunction)] = [
    ("exp", { for i in 0..<$2 { $1[i] = Activation.exp($0[i]) } }, { Activation.exp($0, $1, count: $2) }),
    ("sigmoid", { for i in 0..<$2 { $1[i] = Activation.sigmoid($0[i]) } }, { Activation.sigmoid($0, $1, count: $2) }),
    ("tanh", { for i in 0..<$2 { $1[i] = Activation.tanh($0[i]) } }, { Activation.tanh($0, $1, count: $2) }),
]
for count in [64, 4096] {
    let source = randomBuffer(count, scale: 8, seed: 4)
    let scalarResult = UnsafeMutablePointer<Float>.allocate(capacity: count)
    let bufferResult = UnsafeMutablePointer<Float>.allocate(capacity: count)
    for (label, scalarLoop, buffer) in activations {
        let scalarSeconds = secondsPerCall { scalarLoop(source, scalarResult, count) }
        let bufferSeconds = secondsPerCall { buffer(source, bufferResult, count) }
        let identical = (0..<count).allSatisfy { scalarResult[$0].bitPattern == bufferResult[$0].bitPattern }
        checksum += bufferResult[count / 2]
        print("| \(label) | \(count) | \(pad(format3(scalarSeconds * 1e9 / Double(count)), 7)) | "
            + "\(pad(format3(bufferSeconds * 1e9 / Double(count)), 7)) | \(identical ? "yes" : "NO") |")
    }
    for buffer in [source, scalarResult, bufferResult] { buffer.deallocate() }
}
print("\nchecksum \(checksum)")
