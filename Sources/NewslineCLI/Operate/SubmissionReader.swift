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

    /// A file's submissions, and what failed in it: the whole file, or in a .jsonl file each line that failed.
    private func read(file: String) -> (items: [Item], failures: [Failure]) {
        switch readWhole(file: file) {
        case .success(let read): read
        case .failure(let failure): ([], [failure])
        }
    }

    private func readWhole(file: String) -> Result<(items: [Item], failures: [Failure]), Failure> {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                return .failure(Failure(origin: file, reason: "cannot read the file"))
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Failure(origin: file, reason: "not valid UTF-8 text"))
        }
        if text.allSatisfy(\.isWhitespace) {
            return .failure(Failure(origin: file, reason: "empty"))
        }
        let ext = file == "-" ? "" : (file as NSString).pathExtension.lowercased()
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch ext {
        case "json": return decodeJSON(trimmed, origin: file).map { ($0, []) }
        case "jsonl": return .success(decodeLines(text, origin: file))
        case "txt": return .success(([plain(text, origin: file)], []))
        default:
            if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
                return trimmed.contains("\n") && !trimmed.hasPrefix("[")
                    ? .success(decodeLines(text, origin: file)) : decodeJSON(trimmed, origin: file).map { ($0, []) }
            }
            return .success(([plain(text, origin: file)], []))
        }
    }

    private func plain(_ text: String, origin: String) -> Item {
        Item(origin: origin, submission: ArticleSubmission(text: text, submittedAt: now, origin: origin))
    }

    private func decodeJSON(_ text: String, origin: String) -> Result<[Item], Failure> {
        let decoder = NewsJSON.decoder()
        let data = Data(text.utf8)
        do {
            if text.hasPrefix("[") {
                let loose = try decoder.decode([LooseSubmission].self, from: data)
                return .success(loose.enumerated().map { item(from: $1, origin: "\(origin)[\($0)]") })
            }
            return .success([item(from: try decoder.decode(LooseSubmission.self, from: data), origin: origin)])
        } catch {
            return .failure(Failure(origin: origin, reason: "not a submission: \(describe(error))"))
        }
    }

    /// One submission per line: a line that is not one fails alone, and the others are still pushed.
    private func decodeLines(_ text: String, origin: String) -> (items: [Item], failures: [Failure]) {
        let decoder = NewsJSON.decoder()
        var items: [Item] = []
        var failures: [Failure] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                items.append(item(from: try decoder.decode(LooseSubmission.self, from: Data(line.utf8)), origin: "\(origin):\(number + 1)"))
            } catch {
                failures.append(Failure(origin: "\(origin):\(number + 1)", reason: "not a submission: \(describe(error))"))
            }
        }
        return (items, failures)
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
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
