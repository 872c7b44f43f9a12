#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names for the process's own threads, as `top -H`, `ps -L`, `perf` and debuggers show them.
///
/// Foundation's `Thread.name`, set before `start()`, does not reach the operating system on Linux, and Linux
/// keeps at most 15 bytes of a name; so a thread names itself, first thing, through this.
public enum ThreadName {
    /// The longest name Linux keeps, in bytes.
    public static let maximumLength = 15

    /// Names the calling thread `name`, cut to ``maximumLength`` bytes at a character boundary.
    public static func setCurrent(_ name: String) {
        var cut = ""
        for character in name {
            guard cut.utf8.count + character.utf8.count <= maximumLength else { break }
            cut.append(character)
        }
        #if canImport(Glibc)
        // A thread may rename itself through its `comm` file (proc(5)); Glibc's module does not export
        // `pthread_setname_np`, a GNU extension.
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        _ = cut.withCString { write(file, $0, strlen($0)) }
        close(file)
        #elseif canImport(Darwin)
        _ = pthread_setname_np(cut)
        #endif
    }
}
