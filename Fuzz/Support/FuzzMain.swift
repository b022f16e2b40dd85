import Foundation

/// The `main` of every fuzz target. Built for fuzzing (`-DFUZZING -sanitize=fuzzer`,
/// scripts/fuzz.sh) it hands the command line to libFuzzer's driver with `body` as the
/// callback. Built plainly (`swift build`) it is a reproducer: it runs each file given as an
/// argument through `body` once and prints what `body` says of it, so an input the fuzzer left
/// reproduces with `swift run TARGET crash-…`.
public enum FuzzMain {
    public static func run(target: String, _ body: @escaping ([UInt8]) -> String) -> Never {
        #if FUZZING
        Callback.body = body
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            _ = Callback.body?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
        #else
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            FileHandle.standardError.write(Data("usage: \(target) FILE...\n".utf8))
            exit(2)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                exit(1)
            }
            print("\(file): \(body(Array(data)))")
        }
        exit(0)
        #endif
    }
}

#if FUZZING
/// The callback libFuzzer calls cannot capture context: it reads the body from here.
enum Callback {
    nonisolated(unsafe) static var body: (([UInt8]) -> String)?
}

/// libFuzzer's driver, for a program that has its own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif

/// Checks a line meant for a terminal: bounded, without control characters or bidi marks, and
/// not a CI workflow command. A broken promise stops the fuzzer with the input.
public enum PrintedLine {
    public static func check(_ line: String, limit: Int = 20_000) {
        precondition(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }, "raw control in \(line.debugDescription)")
        precondition(!line.hasPrefix("::"), "workflow command: \(line.debugDescription)")
        precondition(line.utf8.count < limit, "\(line.utf8.count)-byte line")
    }
}
