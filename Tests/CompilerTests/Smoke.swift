import Testing
@testable import Compiler
import TestSupport
@Test func smoke() { #expect(Bool(true)) }
