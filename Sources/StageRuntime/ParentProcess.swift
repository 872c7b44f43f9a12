import Foundation

/// The process that started this one, watched so that a child process does not outlive it.
///
/// A process whose parent ends is handed to init (or the nearest subreaper) and runs on. `newsline demo` holds
/// the embedded cluster in its own process: killed with SIGKILL, or crashed, it cannot stop its workers, which
/// ran on against a cluster that had gone with it. It starts them with `--parent-pid`, and they stop by
/// themselves once it is gone.
///
/// Linux's `PR_SET_PDEATHSIG` would signal sooner, but it fires when the *thread* that started the child
/// ends, and Foundation's `Process` starts children from whichever thread runs it; the parent id is polled instead.
public enum ParentProcess {
    /// Waits until this process's parent is no longer `pid`, looking every `interval`.
    /// - Returns: Why this process should stop, for its log: `pid` has ended (also before the first look), or was
    ///   not its parent to begin with; `nil` if the task was cancelled first.
    public static func ended(_ pid: Int32, checkingEvery interval: Duration = .milliseconds(250)) async -> String? {
        let first = getppid()
        guard first == pid else {
            // A parent that ended while this process was starting (the broker makes its cluster first) is gone, or
            // not yet reaped, by the first look: only a live `pid` was never the parent.
            return isRunning(pid) ? "process \(pid) is not this process's parent (\(first) is)" : "parent process \(pid) has ended"
        }
        while getppid() == pid {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return nil
            }
        }
        return "parent process \(pid) has ended"
    }

    /// Whether `pid` is a process that has not exited: it exists (`kill` with no signal) and is not a zombie, one
    /// that ended and waits for its parent to reap it.
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        return state(of: pid) != "Z"
    }

    /// The state letter Linux gives `pid` (`R`, `S`, `Z` for a zombie, ...); `nil` where `/proc` does not say.
    static func state(of pid: Int32) -> String? {
        // `/proc/<pid>/stat` is `pid (name) state ...`; the name may hold spaces and parentheses.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
    }
}
