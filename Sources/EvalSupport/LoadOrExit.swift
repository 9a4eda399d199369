import Foundation

/// Loads a stage's data for an evaluation, or ends it with the error and exit status 1: without
/// its data an evaluation has nothing to measure, and every `…Eval` reports that the same way.
public func loadOrExit<T>(_ tool: String, _ load: () throws -> T) -> T {
    do {
        return try load()
    } catch {
        print("\(tool): \(error)")
        exit(1)
    }
}
