import Testing
@testable import Host
@testable import HostModel
import XMLKit
import TestSupport
@Test func smoke() { #expect(Bool(true)) }
