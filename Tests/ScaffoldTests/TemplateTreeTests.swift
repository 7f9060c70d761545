import Foundation
import Scaffold
import Testing

/// A template's path is its output path, dotfiles included: the built-in tree carries `.github/`,
/// `.env.example` and the ignore files as themselves, and a `--templates` folder is read the same
/// way, with version-control folders and editor leftovers skipped.
@Suite struct TemplateTreeTests {
    @Test func theBuiltInTreeCarriesItsDotfiles() {
        let files = TemplateSource.builtIn.files.keys
        for path in ["common/.gitignore.mustache", "common/.dockerignore.mustache",
                     "vapor-monolith/.env.example.mustache", "vapor-monolith/.github/workflows/ci.yml.mustache",
                     "hummingbird-service/.github/workflows/ci.yml.mustache", "hybrid/.env.example.mustache"] {
            #expect(files.contains(path), "\(path) is not embedded")
        }
        #expect(!files.contains { $0.hasSuffix(".swp") || $0.hasSuffix("~") || $0.contains(".DS_Store") || $0.hasPrefix(".git/") })
    }

    /// Every layout file entry that names no template renders `LAYOUT/PATH.mustache`: no entry but
    /// the shared ones (`common/`, `adr/`) needs a `template:` to say where its text lives.
    @Test func onlySharedTemplatesAreNamedInALayout() throws {
        for id in LayoutCatalog.available(in: .builtIn) {
            let text = try #require(TemplateSource.builtIn.files["layouts/\(id).yaml"])
            for line in text.split(separator: "\n") where line.contains("template:") {
                let value = line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
                #expect(value.hasPrefix("common/") || value.hasPrefix("adr/"), "\(id): \(line)")
            }
        }
    }

    @Test func aTemplatesFolderIsReadWithItsDotfilesButNotItsCheckout() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "layouts/mini.yaml": "layout: mini\n",
            "mini/.github/workflows/ci.yml.mustache": "on: push\n",
            "mini/.env.example.mustache": "PORT=8080\n",
            ".git/config": "[core]\n",
            ".git/objects/ab/cdef": "not a template\n",
            "mini/README.md.mustache.swp": "swap\n",
            "mini/README.md.mustache~": "backup\n",
            "mini/README.md.mustache": "# {{name}}\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        let source = try TemplateSource.folder(root.path)
        #expect(source.files.keys.sorted() == ["layouts/mini.yaml", "mini/.env.example.mustache",
                                               "mini/.github/workflows/ci.yml.mustache", "mini/README.md.mustache"])
    }
}
