import Foundation

extension Duration {
    var seconds: Double { self / .seconds(1) }
    var microseconds: Double { self / .microseconds(1) }

    /// For people: "850 ms" under a second, "5.1 s" from there.
    var readable: String {
        seconds < 1 ? String(format: "%.0f ms", seconds * 1000) : String(format: "%.1f s", seconds)
    }
}
