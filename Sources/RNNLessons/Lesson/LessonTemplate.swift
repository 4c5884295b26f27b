import RNNTrace

/// The commented starting file of a lesson of each task (`rnnlab lesson new`): the keys a
/// student changes first, each with a word on what it does, its default and what else it takes.
/// docs/lesson-format.md lists every key.
public enum LessonTemplate {
    /// The tasks a starting file is written for.
    public static let tasks: [LessonTask] = [.nextCharacter, .regression, .classify, .generate, .seq2seq]

    /// The starting file of a `task` lesson reading `data` (a path relative to the lesson file;
    /// `nil`: a short text of its own for next-char, generated data for classify, a placeholder
    /// file name otherwise).
    public static func text(for task: LessonTask, data: String? = nil) -> String {
        let body =
            switch task {
            case .nextCharacter: nextCharacter(data)
            case .regression: regression(data)
            case .classify: data.map(classifyTexts) ?? classifyGenerated
            case .generate: generate(data)
            case .seq2seq: seq2seq(data)
            }
        return header(task) + body + footer
    }

    private static func header(_ task: LessonTask) -> String {
        """
        # A \(task.rawValue) lesson. Run it with:  rnnlab run THIS-FILE.yaml
        # Only task, data and model are needed; every key, its default and its values: docs/lesson-format.md
        # name: my-lesson          # default: the file's name (also the output folder: output/NAME/)
        # title: "My lesson"       # default: the name
        # source: "where the example comes from"
        task: \(task.rawValue)

        """
    }

    private static let footer = """
        # show:
        #   snapshots: [0, 10, 100]   # the iterations whose predictions predictions.png shows (the last is always added)

        """

    private static func quoted(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func nextCharacter(_ data: String?) -> String {
        let source = data.map { "  text_file: \(quoted($0))        # a UTF-8 text, relative to this file" }
            ?? """
              text: "hello class, hello world, hello recurrent networks"   # the text itself
              # text_file: book.txt     # or a UTF-8 text file, relative to this file
            """
        return """
            data:
            \(source)
              window: 20                # learn from every window of 20 characters (default: the whole text
                                        # as one sequence up to 1,000 characters, else windows of 100)
              # validation: 0.1         # hold out the last 10% of the text; its loss is drawn beside the training loss
            model:
              cell: lstm                # rnn, lstm or gru
              hidden: 64                # units per layer, or vocab (as many as the text has characters)
              layers: 1                 # stacked layers, 1 to 8
            train:                      # every key has a default
              learning_rate: 0.01       # default 0.01
              iterations: 200           # optimizer steps (default 200)
              # batch: 64               # windows per step (default: all, up to 512 windows; else 64)
              # seed: 777               # the same seed gives the same run, to the bit

            """
    }

    private static func regression(_ data: String?) -> String {
        """
        data:
          csv: \(quoted(data ?? "my-series.csv"))      # comma, semicolon or tab separated, relative to this file
          target: 2                 # the column to forecast: its header name or its number, from 1
          # columns: [1, 2]         # the columns the network reads (default: every column of numbers)
          window: 7                 # how many rows each forecast reads
          # split: 0.7              # the first 70% of the rows train, the rest test (default 0.7)
          # validation: 0.1         # hold out the last 10% of the training rows; its loss is drawn beside the training loss
          # missing: skip           # empty cells: an error (default), skip (leave the row out) or previous (repeat the row before)
          # reverse: true           # the file lists the newest row first
          # unit: "°C"              # the target's unit in the figure and the result line (default none)
          # period: day             # what one row is: day, hour, month… (default row)
        model:
          cell: lstm                # rnn, lstm or gru
          hidden: 16                # units per layer
        train:
          learning_rate: 0.01
          iterations: 500
          loss: mean-squared        # or sum-squared (as lab 12-5)

        """
    }

    private static func classifyTexts(_ data: String) -> String {
        """
        data:
          tsv: \(quoted(data))      # text<TAB>label lines (a first line text<TAB>label is skipped)
          labels: [negative, positive]   # every label the texts have, in the order of the outputs
          # tokens: characters      # read a character a step instead of a word (default words)
          # split: 0.8              # the share of each label's texts that trains; the rest is held out
          # test_tsv: held-out.tsv  # or the held-out texts in a file of their own
        model:
          cell: lstm                # rnn, lstm or gru
          hidden: 16
          embedding: 16             # each word as a learned vector of 16 values (omit: one-hot)
          # readout: mean           # read the output from the mean of the states (default last)
        train:
          learning_rate: 0.01
          iterations: 150

        """
    }

    private static let classifyGenerated = """
        data:
          generate: remember        # name the first of `length` symbols after the distractors (chance: 1 in `symbols`)
          length: 20
          symbols: 4
        # tsv: texts.tsv            # or your own text<TAB>label lines: rnnlab lesson new FILE --task classify --data texts.tsv
        model:
          cell: gru                 # rnn, lstm or gru
          hidden: 32
        train:
          learning_rate: 0.01
          iterations: 1000
          batch: 64                 # fresh sequences every iteration
          clip: 1                   # limit the gradient's norm

        """

    private static func generate(_ data: String?) -> String {
        """
        data:
          tsv: \(quoted(data ?? "my-pairs.tsv"))     # input<TAB>output lines: the input given once, the output written a character at a time
          end: "."                  # the token written after every output
          # test_tsv: held-out.tsv  # held-out inputs (default: split 0.8 of the lines)
        model:
          cell: gru
          hidden: 128
        train:
          learning_rate: 0.01
          iterations: 400

        """
    }

    private static func seq2seq(_ data: String?) -> String {
        """
        data:
          dialogs: \(quoted(data ?? "my-dialogs.tsv"))   # question<TAB>answer lines (a first line question<TAB>answer is skipped)
          # chat_log: chat.txt      # or a conversation, every line answered by the next (instead of dialogs)
        model:
          cell: gru                 # rnn, lstm or gru
          hidden: 128
          embedding: 64             # the width of each word's vector
          attention: bahdanau       # or none
        train:
          learning_rate: 0.01
          iterations: 300
          batch: 32
          clip: 5

        """
    }
}
