import Applier
import Foundation
import HVHardenCLI

// `hvharden` with one addition for fault-injection tests: with HVHARDEN_TEST_PAUSE_AT set to a
// checkpoint's name (`after-journal`, `after-object-1`, ...), an apply stops there for an hour,
// after saying so on standard error, so that the test can kill it at a known point.
if let point = ProcessInfo.processInfo.environment["HVHARDEN_TEST_PAUSE_AT"] {
    CLIHooks.applyCheckpoint = { reached in
        guard reached.description == point else { return }
        FileHandle.standardError.write(Data("hvharden: paused at \(point)\n".utf8))
        sleep(3600)
    }
}
HVHarden.main()
