import Foundation
import RNNLessons
import RNNTrace
import Testing

/// CSV files as people have them: the separator, the header, quotes, column references, empty cells.
@Suite("CSV series")
struct SeriesTableTests {
    /// The columns `columns` and `target` of `text`, read as a lesson would.
    static func read(
        _ text: String, columns: [String]?, target: String, missing: MissingValues = .error, delimiter: CSVDelimiter? = nil,
        header: Bool? = nil
    ) throws(SeriesTable.Problem) -> SeriesTable {
        let table = CSVTable(parsing: text, delimiter: delimiter, header: header, names: (columns ?? []) + [target])
        return try SeriesTable(table, path: "x.csv", columns: columns, target: target, missing: missing)
    }

    @Test(
        "comma, semicolon and TAB are detected; a semicolon file may write decimal commas",
        arguments: [
            ("date,temp,rain\n1,10.5,0\n2,11,1\n", CSVDelimiter.comma),
            ("date;temp;rain\n1;10,5;0\n2;11;1\n", .semicolon),
            ("date\ttemp\train\n1\t10.5\t0\n2\t11\t1\n", .tab),
        ])
    func delimiters(text: String, delimiter: CSVDelimiter) throws {
        let table = CSVTable(parsing: text)
        #expect(table.delimiter == delimiter && table.header == ["date", "temp", "rain"])
        let series = try Self.read(text, columns: ["temp", "rain"], target: "temp")
        #expect(series.rows == [[10.5, 0], [11, 1]] && series.names == ["temp", "rain"] && series.targetIndex == 0)
    }

    @Test("a delimiter given in the lesson wins over detection")
    func givenDelimiter() throws {
        // Every line has as many commas as semicolons: detection alone would take the semicolon.
        let text = "1;2,5\n3;4,5\n"
        #expect(CSVTable(parsing: text).delimiter == .semicolon)
        #expect(CSVTable(parsing: text, delimiter: .comma).rows.map(\.fields) == [["1;2", "5"], ["3;4", "5"]])
        #expect(CSVDelimiter(written: "\t") == .tab && CSVDelimiter(written: "semicolon") == .semicolon && CSVDelimiter(written: "|") == nil)
    }

    @Test("quoted fields may hold the separator and doubled quotes; Windows line breaks and a BOM are read")
    func quotes() {
        let table = CSVTable(parsing: "\u{FEFF}\"name, full\",\"say \"\"hi\"\"\",3\r\n\"a,b\", c ,4\r\n", header: true)
        #expect(table.header == ["name, full", "say \"hi\"", "3"])
        #expect(table.rows.map(\.fields) == [["a,b", "c", "4"]] && table.rows[0].line == 2)
    }

    @Test("no header: columns by number from 1; a single column of numbers is a series of its own")
    func headerless() throws {
        let series = try Self.read("# temperatures\n3.5\n4\n5.25\n", columns: nil, target: "1")
        #expect(series.rows == [[3.5], [4], [5.25]] && series.names == ["column 1"] && series.inputCount == 1)
        let two = try Self.read("1,10\n2,20\n", columns: ["2"], target: "1")
        #expect(two.rows == [[10, 1], [20, 2]] && two.names == ["column 2", "column 1"] && two.inputCount == 1 && two.targetIndex == 1)
    }

    @Test("a first line of words over numbers is a header; a date column does not make data a header")
    func headerDetection() throws {
        #expect(CSVTable(parsing: "Date,Close\n2024-01-02,10\n").header == ["Date", "Close"])
        #expect(CSVTable(parsing: "2024-01-02,10\n2024-01-03,11\n").header == nil)
        #expect(CSVTable(parsing: "Close\n10\n").header == ["Close"])
        #expect(CSVTable(parsing: "10\n11\n", header: true).header == ["10"])
        #expect(CSVTable(parsing: "a,b\nc,d\n", header: false).header == nil)
    }

    @Test("by default every column of numbers is an input (a date column is not); the target may be left out of the inputs")
    func defaultColumnsAndTarget() throws {
        let text = "Date,Open,Close,Volume\n2024-01-02,1,2,100\n2024-01-03,3,4,200\n"
        let all = try Self.read(text, columns: nil, target: "Close")
        #expect(all.names == ["Open", "Close", "Volume"] && all.inputCount == 3 && all.targetIndex == 1)
        let without = try Self.read(text, columns: ["Open", "Volume"], target: "close")
        #expect(without.names == ["Open", "Volume", "Close"] && without.inputCount == 2 && without.targetIndex == 2)
        #expect(without.rows == [[1, 100, 2], [3, 200, 4]])
        let numbered = try Self.read(text, columns: ["2", "Volume"], target: "3")
        #expect(numbered.names == ["Open", "Volume", "Close"])
    }

    @Test(
        "an empty cell is an error naming its line and column, or is skipped, or repeats the row before",
        arguments: [
            (MissingValues.skip, [[1.0, 10.0], [3, 30]]),
            (.previous, [[1, 10], [1, 20], [3, 30]]),
        ])
    func missingCells(missing: MissingValues, rows: [[Double]]) throws {
        let text = "a,b\n1,10\n,20\n3,30\n"
        #expect(try Self.read(text, columns: ["a", "b"], target: "a", missing: missing).rows == rows)
        #expect(throws: SeriesTable.Problem.badCell("3: column a (1) is empty; expected a number (or missing: skip or previous in the lesson)")) {
            try Self.read(text, columns: ["a", "b"], target: "a")
        }
        #expect(throws: SeriesTable.Problem.badCell("2: column a (1) is empty in the first row, which has no row before it; expected a number")) {
            try Self.read("a,b\n,10\n", columns: ["a", "b"], target: "a", missing: .previous)
        }
    }

    @Test("a cell that is not a number, a row too long, an unknown column: each one message")
    func errors() {
        #expect(throws: SeriesTable.Problem.badCell("3: column b (2) is \"n/a\"; expected a number")) {
            try Self.read("a,b\n1,2\n3,n/a\n", columns: ["a", "b"], target: "b")
        }
        #expect(throws: SeriesTable.Problem.badCell("3: 3 fields; expected 2, as the header has")) {
            try Self.read("a,b\n1,2\n3,4,5\n", columns: ["a", "b"], target: "b")
        }
        #expect(throws: SeriesTable.Problem.unknownColumn(.column(1), "\"c\" is not a column of x.csv; it has a, b (or give a column number 1 to 2)")) {
            try Self.read("a,b\n1,2\n", columns: ["a", "c"], target: "b")
        }
        #expect(throws: SeriesTable.Problem.unknownColumn(.target, "\"9\" is not a column of x.csv, which has no header line naming its columns; expected a column number 1 to 2")) {
            try Self.read("1,2\n3,4\n", columns: nil, target: "9")
        }
    }

    @Test("a lesson forecasts a target it does not read, with validation, in its own unit and period; forecast.png names them")
    func lessonOfItsOwnWords() throws {
        let folder = try LessonTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<60).map { "\($0);\(10 + $0 % 5),5;\($0 % 3)\n" }.joined()
        try LessonTestSupport.write("hour;temperature;wind\n" + rows, named: "weather.csv", in: folder)
        let lesson = """
            task: regression
            data: { csv: weather.csv, columns: [wind], target: temperature, window: 4, validation: 0.2, unit: "°C", period: hour }
            model: { cell: gru, hidden: 4 }
            train: { iterations: 12, loss: mean-squared }
            """
        let url = try LessonTestSupport.write(lesson, named: "weather.yaml", in: folder)
        let trace = try LessonRunner(outputFolder: folder.appendingPathComponent("out")).run(LessonFile(contentsOf: url)).trace
        #expect(trace.lesson.name == "weather" && trace.lesson.title == "weather" && trace.lesson.source.isEmpty)
        #expect(trace.model.featureNames == ["wind"] && trace.model.inputSize == 1)
        let forecast = try #require(trace.forecast)
        #expect(forecast.targetName == "temperature" && forecast.unit == "°C" && forecast.period == "hour")
        #expect(forecast.naiveLabel == "next hour = this hour" && forecast.format(12.5) == "12.50 °C")
        #expect(trace.steps.map(\.inputToken).first?.hasPrefix("hour ") == true)
        #expect(trace.summary.hasPrefix("temperature: test RMSE ") && trace.summary.contains(" °C); naive \"next hour = this hour\" "))
        // 60 rows: 42 before the test rows, of which the last 8 are held out (20%).
        #expect(trace.result["training_examples"] == Double(42 - 8 - 4))
        let validation = try #require(trace.training.validation)
        #expect(validation.iterations == Array(0...12) && trace.result["validation_loss"] == validation.loss.last)
        #expect(trace.summary.hasSuffix(String(format: "; validation loss %.4f", validation.loss.last!)))
    }

    @Test("the stock lesson keeps its dollar wording through its lesson file")
    func stockWords() throws {
        let stock = try LessonTestSupport.lesson("stock").lesson
        #expect(stock.data.unit == "$" && stock.data.period == "day")
        #expect(ForecastTrace.format(7.95, unit: "$") == "$7.95" && ForecastTrace.format(7.95, unit: "") == "7.95")
        #expect(ForecastTrace.naiveLabel(period: "day") == "tomorrow = today")
    }
}

/// A regression lesson's own keys, checked when it is read: one line naming the key.
@Suite("CSV lesson keys")
struct SeriesLessonKeyTests {
    static let lesson = "task: regression\ndata: { csv: s.csv, target: 1, window: 2, KEY }\nmodel: { cell: rnn, hidden: 2 }\ntrain: { iterations: 2 }\n"
    static let rows = (0..<30).map { "\($0),\($0 % 4)\n" }.joined()

    @Test(
        "a wrong delimiter, missing, period, validation or csv path is one line naming its key",
        arguments: [
            ("delimiter: \"|\"", "lesson.yaml:2:54: data.delimiter: \"|\" is not a delimiter; expected comma, semicolon or tab"),
            ("missing: guess", "lesson.yaml:2:52: data.missing: \"guess\" is not a way to treat empty cells; expected error, skip or previous"),
            ("period: \"2 days\"", "lesson.yaml:2:51: data.period: \"2 days\" is not a period; expected a word such as day, hour or month"),
            ("validation: 0.01", "lesson.yaml:2:55: data.validation: holds out no row of the 21 before the test rows; expected a larger fraction"),
            ("header: maybe", "lesson.yaml:2:51: data.header: \"maybe\" is not true or false"),
        ])
    func wrongKey(key: String, message: String) throws {
        let text = Self.lesson.replacingOccurrences(of: "KEY", with: key)
        #expect(try LessonTestSupport.loadError(text, extra: ["s.csv": Self.rows]) == message)
    }

    @Test("a delimiter and a header given in the lesson are used as given")
    func givenKeys() throws {
        let text = Self.lesson.replacingOccurrences(of: "KEY", with: "delimiter: semicolon, header: false")
        let semicolons = (0..<30).map { "\($0);\($0 % 4),5\n" }.joined()
        #expect(try LessonTestSupport.loadError(text, extra: ["s.csv": semicolons]) == nil)
        #expect(
            try LessonTestSupport.loadError(text.replacingOccurrences(of: "target: 1", with: "target: x"), extra: ["s.csv": semicolons])
                == "lesson.yaml:2:29: data.target: \"x\" is not a column of s.csv, which has no header line naming its columns; expected a column number 1 to 2")
    }
}
