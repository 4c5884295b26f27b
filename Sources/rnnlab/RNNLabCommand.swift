import ArgumentParser

/// `rnnlab`: recurrent networks, step by step, for the classroom.
@main
struct RNNLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnlab",
        abstract: "A lab for teaching recurrent neural networks: train, look inside, draw.",
        subcommands: [
            ListCommand.self, RunCommand.self, CompareCommand.self, StepCommand.self, InspectCommand.self, SampleCommand.self,
            ChatCommand.self, CellsCommand.self, ViewCommand.self, HTMLCommand.self, AnimateCommand.self, HandoutCommand.self,
            WorksheetCommand.self, RenderCommand.self, DiagramCommand.self, ForwardCommand.self, LessonCommand.self, ExportCommand.self,
        ])

    /// Passes the environment's settings in (`Settings`), then runs the command.
    static func main() {
        Settings.apply()
        main(nil)
    }
}
