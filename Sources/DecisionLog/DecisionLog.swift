// DecisionLog: see the module README section.
