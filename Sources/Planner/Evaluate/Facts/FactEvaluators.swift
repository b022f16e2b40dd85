/// Evaluators of host facts, and domain evaluators that relate guests to host devices.
let hostFactEvaluators: [any FactEvaluator] = []
let deviceDomainEvaluators: [any DomainEvaluator] = []
