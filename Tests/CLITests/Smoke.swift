import Testing
@testable import LiveHost
import TestSupport
import LiveTestSupport
import Digests
