/// The evaluators hvharden ships, by family; each family's file lists its own.
let domainEvaluators: [any DomainEvaluator] = guestDomainEvaluators + deviceDomainEvaluators
let factEvaluators: [any FactEvaluator] = hostFactEvaluators
