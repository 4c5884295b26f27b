import Foundation
import Testing

@testable import RNNCore
import RNNTrace

/// Accuracy of the portable activations, and the vector versions' agreement with the scalar ones.
@Suite struct ActivationTests {
    /// Evenly spaced values from `lower` to `upper`, both included.
    static func sweep(_ lower: Float, _ upper: Float, count: Int) -> [Float] {
        (0..<count).map { min(lower + (upper - lower) * Float($0) / Float(count - 1), upper) }
    }

    /// The distance in units in the last place between two positive finite floats.
    static func ulps(_ x: Float, _ y: Float) -> Int {
        abs(Int(x.bitPattern) - Int(y.bitPattern))
    }

    /// Inputs where bugs hide: signed zeros, subnormal and tiny values, the clamping limits,
    /// the series switch of `tanh` and large arguments.
    static let specialValues: [Float] = {
        let magnitudes: [Float] = [
            0, .leastNonzeroMagnitude, Float(bitPattern: 0x0001_1170), .leastNormalMagnitude, 1e-30, 1e-7, 0.001, 0.002,
            0.0039999, 0.004, 0.0040001, 0.3465, 0.3466, 0.5, 1, 10, 20, 43.7, 44, 87.33654,
            87.33655, 88.376, 88.37601, 88.72283, 88.72284, 100, 1e6, .greatestFiniteMagnitude, .infinity,
        ]
        return magnitudes.flatMap { [$0, -$0] }
    }()

    /// Random finite floats of every exponent, then a dense sweep of the useful range.
    static let manyValues: [Float] = {
        var generator = SeededGenerator(seed: 99)
        var values = specialValues
        while values.count < 300_000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            if value.isFinite { values.append(value) }
        }
        return values + sweep(-100, 100, count: 700_001)
    }()

    @Test func expIsWithinTwoUlpsOfFoundation() {
        var worst = (ulps: 0, at: Float(0))
        let range = Activation.expRange
        for x in Self.sweep(range.lowerBound, range.upperBound, count: 400_001) + Self.specialValues.filter({ abs($0) <= 87.3 }) {
            let distance = Self.ulps(Activation.exp(x), Float(Foundation.exp(Double(x))))
            if distance > worst.ulps { worst = (distance, x) }
        }
        #expect(worst.ulps <= 2, "\(worst.ulps) ulps at \(worst.at)")
    }

    @Test func sigmoidAndTanhAreWithinTwoTenMillionths() {
        var worstSigmoid: Double = 0, worstTanh: Double = 0
        for x in Self.sweep(-30, 30, count: 600_001) + Self.specialValues.filter({ abs($0) < 1e30 }) {
            let wide = Double(x)
            worstSigmoid = max(worstSigmoid, abs(Double(Activation.sigmoid(x)) - 1 / (1 + Foundation.exp(-wide))))
            worstTanh = max(worstTanh, abs(Double(Activation.tanh(x)) - Foundation.tanh(wide)))
        }
        #expect(worstSigmoid <= 2e-7)
        #expect(worstTanh <= 2e-7)
    }

    @Test func signsAndLimits() {
        #expect(Activation.tanh(0).bitPattern == Float(0).bitPattern)
        #expect(Activation.tanh(-0.0).sign == .minus || Activation.tanh(-0.0) == 0)
        #expect(Activation.tanh(-1) == -Activation.tanh(1))
        #expect(Activation.tanh(100) == 1 && Activation.tanh(-100) == -1)
        #expect(Activation.sigmoid(-100) > 0 && Activation.sigmoid(100) == 1)
        #expect(Activation.exp(0) == 1)
        #expect(Activation.exp(-1000).isNormal && Activation.exp(1000).isFinite)
    }

    typealias Buffer = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

    /// The first value where the `SIMD16` function (called directly, and through the buffer
    /// function on over a million values) and the scalar function differ in any bit.
    static func firstDifference(
        _ vector: (SIMD16<Float>) -> SIMD16<Float>, _ buffer: Buffer, _ scalar: (Float) -> Float
    ) -> Float? {
        for start in stride(from: 0, to: specialValues.count - 15, by: 8) {
            let group = SIMD16<Float>(specialValues[start..<start + 16])
            let output = vector(group)
            for lane in 0..<16 where output[lane].bitPattern != scalar(group[lane]).bitPattern {
                return group[lane]
            }
        }
        let values = manyValues
        var results = [Float](repeating: .nan, count: values.count)
        values.withUnsafeBufferPointer { values in
            results.withUnsafeMutableBufferPointer { buffer(values.baseAddress!, $0.baseAddress!, values.count) }
        }
        return values.indices.first { results[$0].bitPattern != scalar(values[$0]).bitPattern }.map { values[$0] }
    }

    @Test func vectorExpEqualsScalarBitForBit() {
        let value = Self.firstDifference(
            { Activation.exp($0) }, { Activation.exp($0, $1, count: $2) }, { Activation.exp($0) })
        #expect(value == nil, "differs at \(value ?? 0)")
    }

    @Test func vectorSigmoidEqualsScalarBitForBit() {
        let value = Self.firstDifference(
            { Activation.sigmoid($0) }, { Activation.sigmoid($0, $1, count: $2) }, { Activation.sigmoid($0) })
        #expect(value == nil, "differs at \(value ?? 0)")
    }

    @Test func vectorTanhEqualsScalarBitForBit() {
        let value = Self.firstDifference(
            { Activation.tanh($0) }, { Activation.tanh($0, $1, count: $2) }, { Activation.tanh($0) })
        #expect(value == nil, "differs at \(value ?? 0)")
    }

    /// The buffer functions, including their scalar tails and working in place.
    @Test(arguments: [0, 1, 15, 16, 17, 100])
    func buffersEqualScalar(count: Int) {
        let source = Array(Self.manyValues.suffix(count))
        let functions: [(String, (Float) -> Float, Buffer)] = [
            ("exp", { Activation.exp($0) }, { Activation.exp($0, $1, count: $2) }),
            ("sigmoid", { Activation.sigmoid($0) }, { Activation.sigmoid($0, $1, count: $2) }),
            ("tanh", { Activation.tanh($0) }, { Activation.tanh($0, $1, count: $2) }),
        ]
        for (name, scalar, buffer) in functions {
            var output = [Float](repeating: .nan, count: count)
            var inPlace = source
            source.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { buffer(source.baseAddress!, $0.baseAddress!, count) }
            }
            inPlace.withUnsafeMutableBufferPointer { buffer($0.baseAddress!, $0.baseAddress!, count) }
            let expected = source.map { scalar($0).bitPattern }
            #expect(output.map(\.bitPattern) == expected, "\(name)")
            #expect(inPlace.map(\.bitPattern) == expected, "\(name) in place")
        }
    }
}
