import Dispatch
import Foundation
import Logging
import Synchronization

/// SIGTERM and SIGINT, caught from the moment a worker starts, and the end of its parent when it watches for that.
/// A signal that comes while the stage is still being made (the entity model takes seconds to load, longer on a
/// busy machine) used to kill the worker by the default action; it now stops the worker once the stage is made,
/// or at once when the worker already runs.
final class StopSignals: @unchecked Sendable {
    /// What asked to stop before a stop action was attached ("SIGTERM came"), or the action once it is.
    private let state = Mutex<(reason: String?, stop: (@Sendable () -> Void)?)>((nil, nil))
    /// Kept for the life of the process (a source released stops delivering); written only by `install`.
    private var sources: [any DispatchSourceSignal] = []

    /// Starts catching SIGTERM and SIGINT.
    static func install() -> StopSignals {
        let signals = StopSignals()
        for number in [SIGTERM, SIGINT] {
            // A dispatch source sees a signal only while its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [signals] in signals.received("\(number == SIGINT ? "SIGINT" : "SIGTERM") came") }
            source.resume()
            signals.sources.append(source)
        }
        return signals
    }

    /// Also stops once this process's parent is no longer `pid` (see ``ParentProcess``), as SIGTERM would.
    func watchParent(_ pid: Int32, logger: Logger) {
        Task.detached { [self] in
            guard let reason = await ParentProcess.ended(pid) else { return }
            logger.notice("\(reason): stopping")
            received(reason)
        }
    }

    /// Hands every later request to `stop`.
    /// - Returns: what asked to stop before, if anything did: the caller stops instead of starting.
    func attach(_ stop: @escaping @Sendable () -> Void) -> String? {
        state.withLock { state in
            state.stop = stop
            return state.reason
        }
    }

    private func received(_ reason: String) {
        let stop = state.withLock { state in
            state.reason = state.reason ?? reason
            return state.stop
        }
        stop?()
    }
}
