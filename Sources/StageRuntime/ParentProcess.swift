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
    /// - Returns: Why this process should stop, for its log: `pid` has ended, or was not its parent to begin
    ///   with; `nil` if the task was cancelled first.
    public static func ended(_ pid: Int32, checkingEvery interval: Duration = .milliseconds(250)) async -> String? {
        let first = getppid()
        guard first == pid else { return "process \(pid) is not this process's parent (\(first) is)" }
        while getppid() == pid {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return nil
            }
        }
        return "parent process \(pid) has ended"
    }
}
