// The `BundledRules.files` table is generated at build time from Rules/ by the EmbedRules plugin.
