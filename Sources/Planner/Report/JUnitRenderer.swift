import Compiler
import Foundation
import XMLKit

/// Writes a `JUnitReport` as JUnit XML in the common (Ant/Jenkins/GitLab) dialect:
///
/// ```xml
/// <testsuites name="hvharden plan qemu:///system" tests="…" failures="…" errors="0" skipped="…">
///   <testsuite name="domain 'web01'" hostname="hv01" tests="…" failures="…" errors="0" skipped="…">
///     <testcase name="domain-graphics-auth" classname="domain 'web01'">
///       <failure message="…" type="noncompliant">one line per change or finding</failure>
///     </testcase>
/// ```
///
/// The document is built with libxml2 (through `Host.XMLDocument`), which escapes every value;
/// characters XML 1.0 cannot hold at all (most C0 controls) are replaced by U+FFFD first, since
/// even escaped they would make the file ill-formed.
public struct JUnitRenderer {
    public var policy: Policy
    /// The machine the plan describes, written as each suite's `hostname`.
    public var hostName: String

    public init(policy: Policy, hostName: String) {
        self.policy = policy
        self.hostName = hostName
    }

    /// The XML text with its declaration, ending in a newline.
    public func render(_ plan: Plan) throws -> Data {
        let report = JUnitReport(plan: plan, policy: policy)
        let document = try XMLDocument(string: "<testsuites/>")
        let root = document.root
        try set(root, [
            ("name", "hvharden plan \(plan.connectURI)"), ("tests", "\(report.tests)"), ("failures", "\(report.failures)"),
            ("errors", "0"), ("skipped", "\(report.skipped)"),
        ])
        for suite in report.suites {
            let element = try root.appendChild("testsuite")
            try set(element, [
                ("name", suite.target), ("hostname", hostName), ("tests", "\(suite.cases.count)"),
                ("failures", "\(suite.failures)"), ("errors", "0"), ("skipped", "\(suite.skipped)"),
            ])
            for testCase in suite.cases {
                let caseElement = try element.appendChild("testcase")
                try set(caseElement, [("name", testCase.rule), ("classname", testCase.target)])
                switch testCase.outcome {
                case .passed:
                    break
                case .failed(let message, let type, let details):
                    let failure = try caseElement.appendChild("failure")
                    try set(failure, [("message", message), ("type", type)])
                    failure.setText(Self.xmlSafe(details.joined(separator: "\n")))
                case .skipped(let message):
                    try set(try caseElement.appendChild("skipped"), [("message", message)])
                }
            }
        }
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document.serialize(style: .libxml2)
        return Data(text.utf8)
    }

    private func set(_ element: XMLElement, _ attributes: [(String, String)]) throws {
        for (name, value) in attributes { try element.setAttribute(name, Self.xmlSafe(value)) }
    }

    /// `text` with every scalar outside XML 1.0's `Char` production replaced by U+FFFD.
    static func xmlSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: out.append(scalar)
            default: out.append("\u{FFFD}")
            }
        }
        return String(out)
    }
}
