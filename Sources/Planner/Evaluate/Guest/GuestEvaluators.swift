/// Domain evaluators about the guest's own configuration (graphics, vCPUs).
let guestDomainEvaluators: [any DomainEvaluator] = []
