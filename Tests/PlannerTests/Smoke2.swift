import Testing
@testable import Planner
@Test func smoke() { #expect(Bool(true)) }
