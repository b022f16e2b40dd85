import Testing
@testable import Compiler
@Test func smoke() { #expect(Bool(true)) }
