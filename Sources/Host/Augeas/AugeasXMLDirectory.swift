import Foundation

/// The `*.xml` files of one directory under a root, loaded through Augeas's Xml lens: libvirt's
/// own definition files (secrets, networks). Each file whose top element is `element` is handed
/// over with the tree path of that element; a file the lens rejects, or one with another top
/// element, is a problem naming it. Reading never throws: what cannot be read is a problem.
public struct AugeasXMLDirectory {
    public let directory: String
    public let element: String
    public let root: String

    public init(root: String, directory: String, element: String) {
        self.root = root
        self.directory = directory
        self.element = element
    }

    /// Calls `each` with the tree, the file's host path and its element's tree path, in path
    /// order; an error thrown by `each` stops the reading and is a problem too.
    public func read(_ each: (AugeasTree, _ hostPath: String, _ element: String) throws -> Void) -> [String] {
        let names = FactsDirectory(root: root).children(directory)
        guard names.contains(where: { $0.hasSuffix(".xml") }) else { return [] }
        let tree: AugeasTree
        do {
            tree = try AugeasTree(root: root, loads: [
                AugeasLoad(name: "Xml", lens: "Xml.lns", includes: [AugeasPath.literalGlob(directory) + "/*.xml"]),
            ])
        } catch let error as AugeasError where !error.fileErrors.isEmpty {
            return error.fileErrors.map { "the Xml lens does not parse \($0)" }
        } catch {
            return ["\(directory) could not be read: \(error)"]
        }
        var problems: [String] = []
        do {
            for file in try tree.match("/files\(directory)/*").sorted() {
                let hostPath = String(file.dropFirst("/files".count))
                guard hostPath.hasSuffix(".xml") else { continue }
                guard try !tree.match(file + "/" + element).isEmpty else {
                    problems.append("\(hostPath) has no <\(element)> element")
                    continue
                }
                try each(tree, hostPath, file + "/" + element)
            }
        } catch {
            problems.append("\(directory) could not be read: \(error)")
        }
        return problems
    }
}
