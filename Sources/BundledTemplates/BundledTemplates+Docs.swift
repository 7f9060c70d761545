// The `BundledTemplates.files` table is generated at build time from Templates/ by the EmbedRules plugin.
