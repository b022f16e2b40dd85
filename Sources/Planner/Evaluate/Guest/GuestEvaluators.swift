/// Domain evaluators about the guest's own configuration (graphics, vCPUs, memory, vTPM) and the
/// host resources it reaches directly (exported directories, whole disks).
let guestDomainEvaluators: [any DomainEvaluator] = [
    GraphicsListenEvaluator(),
    GraphicsAuthEvaluator(),
    VCPUWithinCoresEvaluator(),
    CurrentMemoryEvaluator(),
    VTPMEvaluator(),
    CPUMitigationFeaturesEvaluator(),
    FilesystemExportEvaluator(),
    WholeHostDiskEvaluator(),
]
