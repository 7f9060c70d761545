import Foundation
import DecisionModel

/// The git commands `update` runs: is this a work tree, is it clean, commit the paths it changed.
public enum UpdateGit {
    /// Whether `folder` is inside a git work tree (false when git is not installed).
    public static func isWorkTree(_ folder: URL) -> Bool {
        (try? Git.run(["rev-parse", "--is-inside-work-tree"], in: folder))?.hasPrefix("true") == true
    }

    /// `git status --porcelain` lines for the folder, untracked files included.
    public static func dirtyPaths(_ folder: URL) throws -> [String] {
        try Git.run(["status", "--porcelain", "--untracked-files=normal", "--", "."], in: folder)
            .split(separator: "\n").map(String.init)
    }

    /// Stages exactly these paths (written or removed) and commits them; other changes in the tree stay unstaged.
    public static func commit(_ paths: [String], message: String, in folder: URL) throws(Diagnostic) {
        do {
            try commitOrFail(paths, message: message, in: folder)
        } catch {
            throw PlanWriter.failure(.gitFailed, folder.path, error.message)
        }
    }

    private static func commitOrFail(_ paths: [String], message: String, in folder: URL) throws(Git.Failure) {
        var remaining = paths[...]
        while !remaining.isEmpty {
            let batch = remaining.prefix(200)
            remaining = remaining.dropFirst(200)
            try Git.run(["add", "-A", "--"] + batch.map { ":(literal)" + $0 }, in: folder)
        }
        var identity: [String] = []
        if (try? Git.run(["config", "user.email"], in: folder)) == nil {
            identity = ["-c", "user.name=archdecide", "-c", "user.email=archdecide@localhost"]
        }
        try Git.run(identity + ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message, "--"] + paths.map { ":(literal)" + $0 }, in: folder)
    }
}
