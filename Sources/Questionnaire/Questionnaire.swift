// Questionnaire: see the module README section.
