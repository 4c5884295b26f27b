import RNNCore
import RNNTrace

/// Which examples of a classify or generate lesson train and which are held out to judge it.
///
/// The split never depends on the lesson's seed: every seed, cell and size of a comparison is
/// judged on the same held-out examples.
struct HeldOutSplit {
    /// The training fraction when the lesson gives neither `split` nor `test_tsv`.
    static let defaultFraction = 0.8
    /// The seed of the split's shuffle.
    static let seed: UInt64 = 0x5_9117_0F_DA7A

    /// The training examples' indices, in file order.
    var train: [Int]
    /// The held-out examples' indices, in file order.
    var test: [Int]

    /// Splits `groups.count` examples so that `fraction` of each group (each label) trains —
    /// at least one example, and when a group has two or more, at least one held out.
    init(groups: [Int], fraction: Double) {
        var generator = SeededGenerator(seed: Self.seed)
        var train: [Int] = [], test: [Int] = []
        for group in Set(groups).sorted() {
            let members = groups.indices.filter { groups[$0] == group }
            let order = generator.permutation(members.count).map { members[$0] }
            let count = members.count < 2 ? members.count : min(max(Int((fraction * Double(members.count)).rounded()), 1), members.count - 1)
            train += order.prefix(count)
            test += order.dropFirst(count)
        }
        self.train = train.sorted()
        self.test = test.sorted()
    }
}
