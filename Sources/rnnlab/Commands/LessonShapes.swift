import Foundation
import RNNLessons
import RNNRender

extension Lesson {
    /// The lecture's shape this lesson's network has.
    var architecture: ArchitectureKind {
        switch task {
        case .nextCharacter: .manyToMany
        case .regression, .classify: .manyToOne
        case .generate: .oneToMany
        case .seq2seq: .seq2seq
        }
    }
}

extension LessonCatalog {
    /// The lecture's lessons (not the experiments) of each shape, by name; files that cannot be
    /// read are left out.
    func lessonsByShape() -> [ArchitectureKind: [String]] {
        var lessons: [ArchitectureKind: [String]] = [:]
        for url in (try? files()) ?? [] {
            guard let lesson = try? LessonFile(contentsOf: url).lesson else { continue }
            lessons[lesson.architecture, default: []].append(lesson.name)
        }
        return lessons
    }
}
