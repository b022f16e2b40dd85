import FuzzSupport

/// The target's `main`: libFuzzer's driver, or a reproducer of saved inputs (`FuzzMain`).
@main
enum Main {
    static func main() {
        FuzzMain.run(target: "FuzzPlanFile") { PlanFileFuzz.run($0) }
    }
}
