/// One self-contained HTML file: style, script and images inline, and a Content-Security-Policy
/// that lets the browser load nothing from anywhere (no address, no file beside it) — images
/// only as `data:` URIs. A lesson page is one; a page of a compare folder would be another.
struct HTMLDocument {
    /// The page's title (the browser tab).
    var title: String
    /// The style sheet.
    var style: String
    /// The body's markup, already escaped.
    var body: String
    /// JSON the script reads, put in `<script type="application/json" id="…">` by id.
    var data: [(id: String, json: String)] = []
    /// The script, run at the end of the body.
    var script: String = ""

    /// What the browser may do: inline style and script, `data:` images, nothing else.
    static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// The whole file.
    var html: String {
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.contentSecurityPolicy)\">",
            "<meta name=\"generator\" content=\"rnnlab\">",
            "<title>\(HTMLText.escape(title))</title>",
            "<style>",
            style,
            "</style>",
            "</head>",
            "<body>",
            body,
        ]
        for (id, json) in data {
            lines.append("<script type=\"application/json\" id=\"\(id)\">\(HTMLText.scriptSafe(json))</script>")
        }
        if !script.isEmpty { lines += ["<script>", script, "</script>"] }
        lines += ["</body>", "</html>", ""]
        return lines.joined(separator: "\n")
    }
}

/// Text made safe for HTML.
enum HTMLText {
    /// `text` with `&`, `<`, `>` and quotes escaped, for element content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// JSON that cannot end its `<script>` element early: every `<` written as `\u003c` (which
    /// occurs only inside JSON strings, where it means the same).
    static func scriptSafe(_ json: String) -> String {
        json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
