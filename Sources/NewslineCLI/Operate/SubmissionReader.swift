import Foundation
import NewsSchema

/// Turns files, directories and standard input into submissions, with a reason for each input that fails.
struct SubmissionReader {
    struct Item {
        var origin: String
        var submission: ArticleSubmission
    }

    struct Failure: Error {
        var origin: String
        var reason: String
    }

    /// What a JSON input may hold: the submission's fields, `submittedAt` and `schemaVersion` optional.
    private struct LooseSubmission: Decodable {
        var schemaVersion: Int?
        var text: String
        var title: String?
        var url: String?
        var source: String?
        var byline: String?
        var publishedAt: Date?
    }

    let now: Date

    /// The files read from a directory: those named `.txt`, `.json` or `.jsonl`.
    static let extensions: Set<String> = ["txt", "json", "jsonl"]

    /// Reads every path (directories recursively, `-` for standard input), in the order given.
    ///
    /// - Returns: The submissions, the inputs that failed and why, and the files directories held that were
    ///   left out for their name (a path given by itself is always read).
    func read(_ paths: [String]) -> (items: [Item], failures: [Failure], skipped: [String]) {
        var items: [Item] = []
        var failures: [Failure] = []
        var skipped: [String] = []
        for path in paths {
            for file in expand(path, failures: &failures, skipped: &skipped) {
                let (read, failed) = read(file: file)
                items += read
                failures += failed
            }
        }
        return (items, failures, skipped)
    }

    private func expand(_ path: String, failures: inout [Failure], skipped: inout [String]) -> [String] {
        if path == "-" { return ["-"] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            failures.append(Failure(origin: path, reason: "no such file or directory"))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        var left: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            if Self.extensions.contains((full as NSString).pathExtension.lowercased()) {
                files.append(full)
            } else {
                left.append(full)
            }
        }
        skipped += left.sorted()
        return files.sorted()
    }

    /// A file's submissions, and what failed in it: the whole file, or each .jsonl line or JSON array element that
    /// failed.
    private func read(file: String) -> (items: [Item], failures: [Failure]) {
        func failed(_ reason: String) -> (items: [Item], failures: [Failure]) { ([], [Failure(origin: file, reason: reason)]) }
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                return failed("cannot read the file")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return failed("not valid UTF-8 text")
        }
        if text.allSatisfy(\.isWhitespace) {
            return failed("empty")
        }
        let ext = file == "-" ? "" : (file as NSString).pathExtension.lowercased()
        // Trimmed only where it is read: through Foundation, trimming a long plain text took longer than reading it.
        switch ext {
        case "json": return decodeJSON(text.trimmingCharacters(in: .whitespacesAndNewlines), origin: file)
        case "jsonl": return decodeLines(text, origin: file)
        case "txt": return ([plain(text, origin: file)], [])
        default:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // By content: objects one per line are JSON lines; an array, or an object spread over lines (as `jq`
            // prints it), is one JSON document.
            if trimmed.hasPrefix("{"), trimmed.prefix(while: { $0 != "\n" && $0 != "\r\n" }).hasSuffix("}") {
                return decodeLines(text, origin: file)
            }
            if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
                return decodeJSON(trimmed, origin: file)
            }
            return ([plain(text, origin: file)], [])
        }
    }

    private func plain(_ text: String, origin: String) -> Item {
        Item(origin: origin, submission: ArticleSubmission(text: text, submittedAt: now, origin: origin))
    }

    /// One submission, or an array of them in which an element that is not one fails alone, as a .jsonl line does.
    /// Text that is not JSON fails the whole file.
    private func decodeJSON(_ text: String, origin: String) -> (items: [Item], failures: [Failure]) {
        let decoder = NewsJSON.decoder()
        let data = Data(text.utf8)
        do {
            guard text.hasPrefix("[") else {
                return ([item(from: try decoder.decode(LooseSubmission.self, from: data), origin: origin)], [])
            }
            var items: [Item] = []
            var failures: [Failure] = []
            for (index, element) in try decoder.decode([Attempt].self, from: data).enumerated() {
                switch element.result {
                case .success(let loose): items.append(item(from: loose, origin: "\(origin)[\(index)]"))
                case .failure(let error): failures.append(Failure(origin: "\(origin)[\(index)]", reason: "not a submission: \(describe(error))"))
                }
            }
            return (items, failures)
        } catch {
            return ([], [Failure(origin: origin, reason: "not a submission: \(describe(error))")])
        }
    }

    /// An array element decoded on its own: its failure is kept rather than thrown, so the others still decode.
    private struct Attempt: Decodable {
        var result: Result<LooseSubmission, any Error>

        init(from decoder: any Decoder) {
            do {
                result = .success(try LooseSubmission(from: decoder))
            } catch {
                result = .failure(error)
            }
        }
    }

    /// One submission per line: a line that is not one fails alone, and the others are still pushed.
    private func decodeLines(_ text: String, origin: String) -> (items: [Item], failures: [Failure]) {
        let decoder = NewsJSON.decoder()
        var items: [Item] = []
        var failures: [Failure] = []
        for (number, line) in Self.lines(of: text).enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                items.append(item(from: try decoder.decode(LooseSubmission.self, from: Data(line.utf8)), origin: "\(origin):\(number + 1)"))
            } catch {
                failures.append(Failure(origin: "\(origin):\(number + 1)", reason: "not a submission: \(describe(error))"))
            }
        }
        return (items, failures)
    }

    /// The lines of JSON lines text, ended by LF or CRLF (a file saved on Windows), each without its ending.
    /// JSON strings may hold other line separators, such as U+2028, as they are.
    private static func lines(of text: String) -> [Substring] {
        // A Character "\r\n" is one grapheme, unequal to "\n".
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    private func item(from loose: LooseSubmission, origin: String) -> Item {
        Item(
            origin: origin,
            submission: ArticleSubmission(
                schemaVersion: loose.schemaVersion ?? NewsSchemaVersion.current,
                text: loose.text,
                title: loose.title,
                url: loose.url,
                source: loose.source,
                byline: loose.byline,
                publishedAt: loose.publishedAt,
                submittedAt: now,
                origin: origin
            )
        )
    }

    private func describe(_ error: any Error) -> String {
        if let syntax = NewsJSON.syntaxProblem(in: error) {
            return "not valid JSON: \(syntax)"
        }
        return switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            // Array positions are left out: the origin names the element already.
            switch context.codingPath.filter({ $0.intValue == nil }).map(\.stringValue).joined(separator: ".") {
            case "": context.debugDescription
            case let path: "field '\(path)': \(context.debugDescription)"
            }
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
