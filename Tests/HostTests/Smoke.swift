import Testing
@testable import Host
@Test func smoke() { #expect(Bool(true)) }
