import Testing

@testable import RNNCore

/// Loads and stores of the first few lanes of a `SIMD16<Float>`.
@Suite struct PartialVectorTests {
    @Test("a partial load reads its lanes and zeroes the rest; a partial store writes only its lanes", arguments: 1...16)
    func partialLanes(_ lanes: Int) {
        let values = (0..<16).map { Float($0 + 1) }
        let loaded = values.withUnsafeBufferPointer { SIMD16<Float>($0.baseAddress!, lanes: lanes) }
        #expect((0..<16).map { loaded[$0] } == (0..<16).map { $0 < lanes ? values[$0] : 0 })
        var memory = [Float](repeating: -1, count: 18)
        memory.withUnsafeMutableBufferPointer { SIMD16<Float>(values.map { $0 * 10 }).store(to: $0.baseAddress! + 1, lanes: lanes) }
        #expect(memory == [-1] + (0..<17).map { $0 < lanes ? values[$0] * 10 : -1 })
    }
}
