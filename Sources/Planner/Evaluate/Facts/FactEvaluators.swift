/// Evaluators of host facts (docs/controls.md): read-only observations that are never
/// fixed, only reported with what to do.
let hostFactEvaluators: [any FactEvaluator] = [
    // B1-1 hardware-assisted isolation
    CPUVirtualizationEvaluator(), SecondLevelPagingEvaluator(), DevKVMEvaluator(), KVMPagingParameterEvaluator(),
    // Posture A
    HostNotNestedEvaluator(),
    // PI-1 boot integrity
    SecureBootEvaluator(), TPMEvaluator(), MeasuredBootEvaluator(), KernelLockdownEvaluator(),
    // B2-2 vetted drivers
    ModuleSignatureEvaluator(), KernelTaintEvaluator(),
    // B1-2, B1-3 capacity
    KSMEvaluator(), MemoryOvercommitEvaluator(), VCPUCoreRatioEvaluator(),
    // B1-T side channels
    SMTEvaluator(), CPUVulnerabilityEvaluator(), NXHugePagesEvaluator(), L1DFlushEvaluator(),
    // B2-3 IOMMU
    IOMMUEvaluator(), UnsafeInterruptsEvaluator(),
    // B2-1 confinement
    MACEnforcingEvaluator(),
    // B5-2 management separated from guest traffic
    GuestBridgeAddressEvaluator(),
]

/// Domain evaluators that relate guests to host devices (passthrough, docs/controls.md).
let deviceDomainEvaluators: [any DomainEvaluator] = [
    PassthroughNoneEvaluator(), PassthroughAllowlistEvaluator(), PassthroughMaxDevicesEvaluator(),
    PassthroughManagedVFIOEvaluator(), PassthroughIOMMUIsolationEvaluator(), PassthroughSRIOVEvaluator(),
    PassthroughUSBEvaluator(), PassthroughRedirFilterEvaluator(), PassthroughNetworkPoolEvaluator(),
]
