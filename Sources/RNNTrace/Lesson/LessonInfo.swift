/// Which lesson a trace belongs to.
public struct LessonInfo: Codable, Sendable, Equatable {
    /// The lesson's short name (`hello`), also the output folder's name.
    public var name: String
    /// A title for figures ("Teach hello: hihell -> ihello").
    public var title: String
    /// Where the example comes from ("lecture lab 12-1").
    public var source: String
    /// What the lesson teaches the network to do (`next-char`, `regression`, … in the file).
    public var task: LessonTask

    /// Creates a lesson description.
    public init(name: String, title: String, source: String, task: LessonTask) {
        self.name = name
        self.title = title
        self.source = source
        self.task = task
    }
}
