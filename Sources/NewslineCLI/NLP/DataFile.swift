import ArgumentParser
import Foundation

/// Reads a data file named on the command line, failing with a clear message.
enum DataFile {
    static func read(_ path: String, what: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(what) not found at \(path) (run from the repository root, or pass the path)")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(what) at \(path): \(error)")
        }
    }

    /// Monotonic seconds since an arbitrary point.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
