import Testing
@testable import Applier
@Test func smoke() { #expect(Bool(true)) }
