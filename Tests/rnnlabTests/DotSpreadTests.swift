import RNNCore
@testable import RNNRender
import Testing

/// The scatter's sideways spread (RNNRender, which does not depend on the engine) draws the same
/// numbers as the engine's generator with seed 1, as it did when it used that generator.
@Test func theDotSpreadIsTheEnginesGeneratorWithSeedOne() {
    var spread = DotSpread()
    var generator = SeededGenerator(seed: 1)
    let spreadValues = (0..<10_000).map { _ in spread.next() }
    let generatorValues = (0..<10_000).map { _ in generator.nextUnitFloat() }
    #expect(spreadValues == generatorValues)
}
