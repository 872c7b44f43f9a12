import Foundation

/// Files named on the command line: read, or their errors told, in one clear line.
enum DataFile {
    static func read(_ path: String, what: String) throws -> String {
        guard let text = String(data: try bytes(path, what: what), encoding: .utf8) else {
            throw CLIError("cannot read \(what) at \(path): not valid UTF-8 text")
        }
        return text
    }

    /// The file's bytes, or an error naming `what`, the path and why.
    static func bytes(_ path: String, what: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(what) not found at \(path) (run from the repository root, or pass the path)")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("cannot read \(what) at \(path): \(reason(error))")
        }
    }

    /// A file operation's error as a short phrase ("Is a directory"), not Foundation's description of the whole
    /// error object.
    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.underlying { return reason(underlying) }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription
    }

    /// Monotonic seconds since an arbitrary point.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
