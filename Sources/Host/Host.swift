/// Host: the only module that touches C.
///
/// It wraps libvirt (connections, domains, their XML, define), Augeas (targeted trees over a
/// chosen root, get/match/set/remove/insert, preview and save with errors read from the tree),
/// libxml2 (strict parsing, namespaced XPath, edits, stable serialization) and reads host facts
/// from /proc and /sys under a chosen root. Every C failure becomes a Swift error at once, on the
/// thread that made the call.
public enum HostModule {}
