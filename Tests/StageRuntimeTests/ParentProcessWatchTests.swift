import Foundation
import Testing

@testable import StageRuntime

/// How `--parent-pid` reads a parent at its first look. A parent that ends while the process still starts (the
/// broker makes its cluster before it looks) is told from a process id that was never the parent.
@Suite struct ParentProcessWatchTests {
    @Test func aLiveProcessThatIsNotTheParentIsNamedSo() async {
        let reason = await ParentProcess.ended(getpid())
        #expect(reason == "process \(getpid()) is not this process's parent (\(getppid()) is)")
    }

    @Test func aProcessThatEndedBeforeTheFirstLookHasEnded() async throws {
        var child: pid_t = 0
        var arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { for argument in arguments { free(argument) } }
        try #require(posix_spawn(&child, "/bin/true", nil, nil, &arguments, environ) == 0)
        // Exited, not yet reaped: a zombie, as a killed parent is while its own parent has not waited for it.
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, ParentProcess.state(of: child) != "Z" { try await Task.sleep(for: .milliseconds(10)) }
        try #require(ParentProcess.state(of: child) == "Z")
        #expect(await ParentProcess.ended(child) == "parent process \(child) has ended")
        // Reaped: gone.
        var status: Int32 = 0
        try #require(waitpid(child, &status, 0) == child)
        #expect(await ParentProcess.ended(child) == "parent process \(child) has ended")
    }
}
