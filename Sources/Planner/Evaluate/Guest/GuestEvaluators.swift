/// Domain evaluators about the guest's own configuration (graphics, vCPUs, memory, vTPM).
let guestDomainEvaluators: [any DomainEvaluator] = [
    GraphicsListenEvaluator(),
    GraphicsAuthEvaluator(),
    VCPUWithinCoresEvaluator(),
    CurrentMemoryEvaluator(),
    VTPMEvaluator(),
    CPUMitigationFeaturesEvaluator(),
]
