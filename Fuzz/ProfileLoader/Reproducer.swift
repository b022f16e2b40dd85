import FuzzSupport

/// The target's `main`: libFuzzer's driver, or a reproducer of saved inputs (`FuzzMain`).
@main
enum Reproducer {
    static func main() {
        FuzzMain.run(target: "FuzzProfileLoader") { "\(ProfileLoaderFuzz.run($0)) diagnostics" }
    }
}
