import Foundation

/// The target's `main`. Built for fuzzing (`-DFUZZING -sanitize=fuzzer`, scripts/fuzz.sh) it
/// hands the command line to libFuzzer's driver with `ProfileLoaderFuzz.run` as the callback.
/// Built plainly (`swift build`) it is a reproducer: it runs each file given as an argument
/// through the same function once and prints how many diagnostics it gave, so a crash file
/// the fuzzer left reproduces with `swift run FuzzProfileLoader crash-…`.
@main
enum Reproducer {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            ProfileLoaderFuzz.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
        #else
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            FileHandle.standardError.write(Data("usage: FuzzProfileLoader FILE...\n".utf8))
            exit(2)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                exit(1)
            }
            let count = ProfileLoaderFuzz.run(Array(data))
            print("\(file): \(count) diagnostics")
        }
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver, for a program that has its own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
