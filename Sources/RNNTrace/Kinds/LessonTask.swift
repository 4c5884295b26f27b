/// What a lesson teaches the network to do.
public enum LessonTask: String, CaseIterable, Sendable, Codable {
    /// Predict the next character at every step (many-to-many).
    case nextCharacter = "next-char"
    /// Predict the next value of a series from a window of days, or a number from a generated
    /// sequence (many-to-one).
    case regression
    /// Read a sequence and name its class at the end (many-to-one).
    case classify
    /// Read one input at the first step and write a sequence until an end token (one-to-many).
    case generate
    /// Answer a question with a sentence (encoder–decoder with attention).
    case seq2seq

    /// Reads the task's name; another name is an error that lists the tasks.
    public init(from decoder: any Decoder) throws {
        self = try KindName.decode(from: decoder, what: "a task")
    }
}
