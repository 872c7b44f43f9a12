import Foundation

/// The version of Newsline, recorded in provenance.
public enum NewslineVersion {
    public static let current = "0.1.0"
}

/// An integer from the environment, if set and valid.
public func environmentInt(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap(Int.init)
}
