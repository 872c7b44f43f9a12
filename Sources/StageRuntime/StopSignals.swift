import Dispatch
import Foundation
import Synchronization

/// SIGTERM and SIGINT, caught from the moment a worker starts. A signal that comes while the stage is still being
/// made (the entity model takes seconds to load, longer on a busy machine) used to kill the worker by the default
/// action; it now stops the worker once the stage is made, or at once when the worker already runs.
final class StopSignals: @unchecked Sendable {
    /// The signal that came before a stop action was attached, or the action once it is.
    private let state = Mutex<(signal: Int32?, stop: (@Sendable () -> Void)?)>((nil, nil))
    /// Kept for the life of the process (a source released stops delivering); written only by `install`.
    private var sources: [any DispatchSourceSignal] = []

    /// Starts catching SIGTERM and SIGINT.
    static func install() -> StopSignals {
        let signals = StopSignals()
        for number in [SIGTERM, SIGINT] {
            // A dispatch source sees a signal only while its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [signals] in signals.received(number) }
            source.resume()
            signals.sources.append(source)
        }
        return signals
    }

    /// Hands every later signal to `stop`.
    /// - Returns: the signal that came before, if one did: the caller stops instead of starting.
    func attach(_ stop: @escaping @Sendable () -> Void) -> Int32? {
        state.withLock { state in
            state.stop = stop
            return state.signal
        }
    }

    private func received(_ number: Int32) {
        let stop = state.withLock { state in
            state.signal = state.signal ?? number
            return state.stop
        }
        stop?()
    }

    /// `SIGTERM` or `SIGINT`, for logs.
    static func name(_ number: Int32) -> String {
        number == SIGINT ? "SIGINT" : "SIGTERM"
    }
}
