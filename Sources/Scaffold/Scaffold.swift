// Scaffold: see the module README section.
