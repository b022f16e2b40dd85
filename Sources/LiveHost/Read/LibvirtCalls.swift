import Host

/// The libvirt call counter, for the command line's `HVHARDEN_RPC_COUNT=1` report
/// (`LibvirtCallTally.reportAtExitIfAsked()`), without it importing Host.
public typealias LibvirtCalls = LibvirtCallTally
